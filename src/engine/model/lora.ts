/**
 * LoRA as in PEFT: on each targeted linear module, h = W0 x + s · B A x with
 * A ∈ R^{r×in} Kaiming-uniform (PEFT's kaiming_uniform_(a=√5), i.e. U(±1/√in)),
 * B ∈ R^{out×r} zeros, so the adapter starts as a no-op; s = alpha / r, or
 * alpha / √r with rsLoRA. The base weights stay frozen.
 *
 * q, k and v share one fused projection (layout.ts), so their adapters share
 * one too: the targeted parts' A matrices stacked (r·parts × in) and a B of
 * (3d × r·parts) whose only non-zero blocks map part j's r columns to part j's
 * outputs. A mask keeps the other blocks at zero, so this is exactly one
 * adapter per targeted module, and counts as such. Which module carries which
 * target is the architecture's table's (architecture.ts).
 */
import { Rng } from '../data/rng';
import * as tf from '../tf';
import { loraModules, loraNames, type LinearModule, type LoraModule, type LoraSegmentName, type LoraTarget, type SegmentName } from './architecture';
import type { ModelDims } from './dims';
import type { Adapter, Adapters } from './gpt';
import { makeLayout, type PackLayout } from './layout';
import { splitPack } from './pack';
import { loraScale } from './shapes';

export interface LoraSpec {
  rank: number;
  alpha: number;
  targets: readonly LoraTarget[];
  rslora: boolean;
}

/**
 * One adapted module of the layout (block `block`'s `names.module`), and
 * which of its parts the adapter covers (`targets`: q, k, v of the fused
 * projection, or the module's one part).
 */
export type LoraGroup = LoraModule;

/** Output columns of a target within its module: its part's share (q, k, v are thirds of the fused projection). */
function outputRange(group: LoraGroup, target: LoraTarget): [number, number] {
  const width = group.fanOut / group.parts.length;
  const at = group.parts.indexOf(target);
  return [at * width, (at + 1) * width];
}

export class LoraPack {
  readonly layout: PackLayout<LoraSegmentName>;
  readonly groups: LoraGroup[];
  readonly scale: number;
  readonly theta: tf.Variable;
  /** 0/1 per element: the B blocks that must stay zero are 0; null when there are none. */
  readonly mask: Float32Array | null;

  /** `stage` > 0: a stream's later stage's fresh adapter (lora.perStage), its A drawn from its own seeded stream. */
  constructor(dims: ModelDims, spec: LoraSpec, seed: number, stage = 0) {
    const r = spec.rank;
    this.groups = loraModules(dims, spec.targets);
    this.scale = loraScale(spec);
    this.layout = makeLayout(
      this.groups.flatMap((g) => {
        const { A, B } = loraNames(g.names.module);
        return [
          [A, [r * g.targets.length, g.fanIn]],
          [B, [g.fanOut, r * g.targets.length]],
        ] as const;
      }),
    );
    const values = new Float32Array(this.layout.size);
    const mask = new Float32Array(this.layout.size).fill(1);
    let masked = false;
    // A drawn module by module in (layer, target) order, as PEFT initialises them.
    const rng = Rng.derive(seed, stage > 0 ? `lora:stage${stage}` : 'lora');
    for (let i = 0; i < dims.nLayers; i++) {
      for (const target of spec.targets) {
        const group = this.groups.find((g) => g.block === i && g.targets.includes(target))!;
        const a = this.layout.byName.get(loraNames(group.names.module).A)!;
        const row0 = group.targets.indexOf(target) * r;
        const bound = 1 / Math.sqrt(group.fanIn);
        for (let k = 0; k < r * group.fanIn; k++) values[a.offset + row0 * group.fanIn + k] = rng.uniform(-bound, bound);
      }
    }
    for (const g of this.groups) {
      if (g.parts.length === 1) continue;
      const b = this.layout.byName.get(loraNames(g.names.module).B)!;
      const cols = r * g.targets.length;
      for (let row = 0; row < g.fanOut; row++) {
        for (let col = 0; col < cols; col++) {
          const target = g.targets[Math.floor(col / r)];
          const [lo, hi] = outputRange(g, target);
          if (row < lo || row >= hi) {
            mask[b.offset + row * cols + col] = 0;
            masked = true;
          }
        }
      }
    }
    this.mask = masked ? mask : null;
    this.theta = tf.tidy(() => tf.variable(tf.tensor1d(values), true));
  }

  /** The adapters by module, as views of the flat variable; call inside tf.tidy. */
  adapters(): Adapters {
    const views = splitPack(this.theta, this.layout);
    const out = new Map<LinearModule, Adapter>();
    for (const g of this.groups) {
      const { A, B } = loraNames(g.names.module);
      out.set(g.names.module, { A: views[A] as tf.Tensor2D, B: views[B] as tf.Tensor2D, scale: this.scale });
    }
    return out;
  }

  /** Each adapted module's change to its weight, s · (B A)ᵀ in the weight's (in × out) layout, keyed by weight segment. */
  deltas(adapters: Adapters = this.adapters()): Map<SegmentName, tf.Tensor2D> {
    const out = new Map<SegmentName, tf.Tensor2D>();
    for (const g of this.groups) out.set(g.names.weight, loraDelta(adapters.get(g.names.module)!));
    return out;
  }

  /** How many elements train: the adapters' entries, less the B blocks held at zero. */
  get trainableCount(): number {
    return this.mask ? this.mask.reduce((n, m) => n + m, 0) : this.layout.size;
  }

  dispose(): void {
    this.theta.dispose();
  }
}

/** The adapter's change to a module's weight, in the model's (in × out) layout: s · (B A)ᵀ. */
function loraDelta(adapter: Adapter): tf.Tensor2D {
  return tf.mul(tf.transpose(tf.matMul(adapter.B, adapter.A)), adapter.scale) as tf.Tensor2D;
}
