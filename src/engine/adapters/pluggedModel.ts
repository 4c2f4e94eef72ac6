/**
 * The base model with a set of trained adapters plugged in, each with a
 * weight, as PEFT's add_weighted_adapter does, but without merging: on every
 * adapted module h = W0 x + Σ_k w_k · s_k · B_k A_k x. Several adapters on one
 * module become one adapter of their stacked ranks: A = [A_1; A_2; …],
 * B = [w_1 s_1 B_1, w_2 s_2 B_2, …], which is the same sum. A lone adapter
 * keeps its own A, B and scale (times w), so at w = 1 it is exactly the run's
 * forward pass; nothing plugged is exactly the base model's. Unplugging frees
 * what plugging made: the tensor count does not grow.
 */
import type { LinearModule } from '../model/architecture';
import type { ModelDims } from '../model/dims';
import type { Adapter, Adapters, Weights } from '../model/gpt';
import { packValues } from '../model/layout';
import type { LoraPack } from '../model/lora';
import { Gpt } from '../model/model';
import { splitPack } from '../model/pack';
import * as tf from '../tf';
import type { Plug } from './adapterRecord';
import { adapterPack, withTokenRows } from './adapterPack';

export class PluggedGpt extends Gpt {
  private plugged: Map<LinearModule, Adapter> | null = null;
  /** The base weights with new-token rows added, when a plugged adapter has any. */
  private pluggedTheta: tf.Tensor1D | null = null;

  constructor(
    dims: ModelDims,
    private readonly baseValues: Readonly<Record<string, Float32Array>>,
  ) {
    super(dims, baseValues);
  }

  /** Replaces what is plugged with `plugs` (an empty list: the base model). */
  plug(plugs: readonly Plug[]): void {
    for (const p of plugs) if (!Number.isFinite(p.weight)) throw new Error(`an adapter's weight must be a finite number, not ${p.weight}`);
    this.unplug();
    const live = plugs.filter((p) => p.weight !== 0);
    if (!live.length) return;
    const packs: LoraPack[] = [];
    try {
      for (const p of live) packs.push(adapterPack(this.dims, p.adapter));
      const out = new Map<LinearModule, Adapter>();
      tf.tidy(() => {
        const parts = new Map<LinearModule, Adapter[]>();
        packs.forEach((pack, k) => {
          for (const [module, a] of pack.adapters()) parts.set(module, [...(parts.get(module) ?? []), { ...a, scale: a.scale * live[k].weight }]);
        });
        for (const [module, list] of parts) {
          const one =
            list.length === 1
              ? list[0]
              : {
                  A: tf.concat(list.map((a) => a.A), 0),
                  B: tf.concat(list.map((a) => tf.mul(a.B, a.scale) as tf.Tensor2D), 1),
                  scale: 1,
                };
          out.set(module, { A: tf.keep(one.A), B: tf.keep(one.B), scale: one.scale });
        }
      });
      this.plugged = out;
    } finally {
      for (const pack of packs) pack.dispose();
    }
    const values = withTokenRows(this.dims, this.baseValues, live);
    if (values !== this.baseValues) this.pluggedTheta = tf.tensor1d(packValues(this.layout, this.placements, values));
  }

  unplug(): void {
    for (const a of this.plugged?.values() ?? []) tf.dispose([a.A, a.B]);
    this.plugged = null;
    this.pluggedTheta?.dispose();
    this.pluggedTheta = null;
  }

  override adapters(): Adapters | undefined {
    return this.plugged ?? super.adapters();
  }

  override weights(): Weights {
    return this.pluggedTheta ? splitPack(this.pluggedTheta, this.layout) : super.weights();
  }

  override dispose(): void {
    this.unplug();
    super.dispose();
  }
}
