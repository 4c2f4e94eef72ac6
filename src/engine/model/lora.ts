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
 * adapter per targeted module, and counts as such.
 */
import { Rng } from '../data/rng';
import * as tf from '../tf';
import type { ModelDims } from './dims';
import type { Adapter, Adapters } from './gpt';
import { makeLayout, type PackLayout } from './layout';
import { splitPack } from './pack';
import { ATTENTION_PARTS, loraScale } from './shapes';

export interface LoraSpec {
  rank: number;
  alpha: number;
  targets: readonly string[];
  rslora: boolean;
}

/** One adapted module of the layout, and which of its parts (q, k, v) the adapter covers. */
export interface LoraGroup {
  module: string;
  parts: string[];
  fanIn: number;
  fanOut: number;
}

function loraGroups(d: ModelDims, targets: readonly string[]): LoraGroup[] {
  const groups: LoraGroup[] = [];
  for (let i = 0; i < d.nLayers; i++) {
    const h = `h${i}`;
    const attention = ATTENTION_PARTS.filter((p) => p !== 'o' && targets.includes(p));
    if (attention.length) groups.push({ module: `${h}.attn.qkv`, parts: attention, fanIn: d.dModel, fanOut: 3 * d.dModel });
    if (targets.includes('o')) groups.push({ module: `${h}.attn.o`, parts: ['o'], fanIn: d.dModel, fanOut: d.dModel });
    if (targets.includes('up')) groups.push({ module: `${h}.mlp.up`, parts: ['up'], fanIn: d.dModel, fanOut: d.dFF });
    if (targets.includes('down')) groups.push({ module: `${h}.mlp.down`, parts: ['down'], fanIn: d.dFF, fanOut: d.dModel });
  }
  return groups;
}

/** Output columns of a part within its module: q, k, v are thirds of the fused projection. */
function outputRange(group: LoraGroup, part: string): [number, number] {
  if (group.parts.length === 1 && !group.module.endsWith('.qkv')) return [0, group.fanOut];
  const width = group.fanOut / 3;
  const at = ATTENTION_PARTS.indexOf(part as 'q');
  return [at * width, (at + 1) * width];
}

export class LoraPack {
  readonly layout: PackLayout;
  readonly groups: LoraGroup[];
  readonly scale: number;
  readonly theta: tf.Variable;
  /** 0/1 per element: the B blocks that must stay zero are 0; null when there are none. */
  readonly mask: Float32Array | null;

  constructor(dims: ModelDims, spec: LoraSpec, seed: number) {
    const r = spec.rank;
    this.groups = loraGroups(dims, spec.targets);
    this.scale = loraScale(spec);
    this.layout = makeLayout(
      this.groups.flatMap((g): Array<[string, number[]]> => [
        [`${g.module}.lora_A`, [r * g.parts.length, g.fanIn]],
        [`${g.module}.lora_B`, [g.fanOut, r * g.parts.length]],
      ]),
    );
    const values = new Float32Array(this.layout.size);
    const mask = new Float32Array(this.layout.size).fill(1);
    let masked = false;
    // A drawn module by module in (layer, target) order, as PEFT initialises them.
    const rng = Rng.derive(seed, 'lora');
    const groupOf = new Map(this.groups.flatMap((g) => g.parts.map((p) => [`${g.module.replace(/qkv$/, p)}`, g] as const)));
    for (let i = 0; i < dims.nLayers; i++) {
      for (const target of spec.targets) {
        const module = target === 'up' || target === 'down' ? `h${i}.mlp.${target}` : `h${i}.attn.${target}`;
        const group = groupOf.get(module)!;
        const a = this.layout.byName.get(`${group.module}.lora_A`)!;
        const row0 = group.parts.indexOf(target) * r;
        const bound = 1 / Math.sqrt(group.fanIn);
        for (let k = 0; k < r * group.fanIn; k++) values[a.offset + row0 * group.fanIn + k] = rng.uniform(-bound, bound);
      }
    }
    for (const g of this.groups) {
      if (g.parts.length === 1 && !g.module.endsWith('.qkv')) continue;
      const b = this.layout.byName.get(`${g.module}.lora_B`)!;
      const cols = r * g.parts.length;
      for (let row = 0; row < g.fanOut; row++) {
        for (let col = 0; col < cols; col++) {
          const part = g.parts[Math.floor(col / r)];
          const [lo, hi] = outputRange(g, part);
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
    const out = new Map<string, Adapter>();
    for (const g of this.groups) {
      out.set(g.module, { A: views[`${g.module}.lora_A`] as tf.Tensor2D, B: views[`${g.module}.lora_B`] as tf.Tensor2D, scale: this.scale });
    }
    return out;
  }

  /** Each adapted module's change to its weight, s · (B A)ᵀ in the weight's (in × out) layout, keyed by weight segment. */
  deltas(adapters: Adapters = this.adapters()): Map<string, tf.Tensor2D> {
    const out = new Map<string, tf.Tensor2D>();
    for (const [module, a] of adapters) out.set(`${module}.weight`, loraDelta(a));
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
