/**
 * The model's parameters by name and shape, as the checkpoint stores them,
 * laid out like nanoGPT's: `wte`, `wpe`, then per block `h{i}.ln1`,
 * `h{i}.attn.{q,k,v,o}`, `h{i}.ln2`, `h{i}.mlp.{up,down}`, and `lnf`, `head`
 * (with a tied head, `head` is its bias alone and `wte` its weight). A
 * parameter's name is `<module>.<weight|bias|gain>`, so code can target,
 * freeze and measure modules by name. The list comes from the architecture's
 * table (architecture.ts). No tfjs here: the page uses these to count parameters.
 */
import { paramSpecs, type ParamName } from './architecture';
import type { ModelDims } from './dims';

export type ParamShapes = Record<ParamName, number[]>;

/** Every parameter's shape, in the checkpoint's order. */
export function paramShapes(d: ModelDims): ParamShapes {
  return Object.fromEntries(paramSpecs(d).map((p) => [p.param, p.shape])) as ParamShapes;
}

export function countParams(shapes: ParamShapes): number {
  return Object.values(shapes).reduce((n, s) => n + s.reduce((a, b) => a * b, 1), 0);
}

/** LoRA's scale s: alpha / r, or alpha / √r with rsLoRA. */
export function loraScale(spec: { rank: number; alpha: number; rslora: boolean }): number {
  return spec.rslora ? spec.alpha / Math.sqrt(spec.rank) : spec.alpha / spec.rank;
}
