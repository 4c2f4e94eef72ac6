/**
 * The model's parameters by name and shape, laid out like nanoGPT's: `wte`,
 * `wpe`, then per block `h{i}.ln1`, `h{i}.attn.{q,k,v,o}`, `h{i}.ln2`,
 * `h{i}.mlp.{up,down}`, and `lnf`, `head` (with a tied head, `head` is its
 * bias alone and `wte` its weight). A parameter's name is
 * `<module>.<weight|bias|gain>`, so code can target, freeze and measure modules
 * by name. No tfjs here: the page uses these to count parameters.
 */
import type { ModelDims } from './dims';

export type ParamShapes = Record<string, number[]>;

export const ATTENTION_PARTS = ['q', 'k', 'v', 'o'] as const;

export function paramShapes(d: ModelDims): ParamShapes {
  const shapes: ParamShapes = {
    'wte.weight': [d.vocabSize, d.dModel],
    'wpe.weight': [d.context, d.dModel],
  };
  for (let i = 0; i < d.nLayers; i++) {
    const h = `h${i}`;
    shapes[`${h}.ln1.gain`] = [d.dModel];
    shapes[`${h}.ln1.bias`] = [d.dModel];
    for (const p of ATTENTION_PARTS) {
      shapes[`${h}.attn.${p}.weight`] = [d.dModel, d.dModel];
      shapes[`${h}.attn.${p}.bias`] = [d.dModel];
    }
    shapes[`${h}.ln2.gain`] = [d.dModel];
    shapes[`${h}.ln2.bias`] = [d.dModel];
    shapes[`${h}.mlp.up.weight`] = [d.dModel, d.dFF];
    shapes[`${h}.mlp.up.bias`] = [d.dFF];
    shapes[`${h}.mlp.down.weight`] = [d.dFF, d.dModel];
    shapes[`${h}.mlp.down.bias`] = [d.dModel];
  }
  shapes['lnf.gain'] = [d.dModel];
  shapes['lnf.bias'] = [d.dModel];
  // A tied head reads its weights from wte.weight; only its bias is its own.
  if (!d.tiedHead) shapes['head.weight'] = [d.dModel, d.vocabSize];
  shapes['head.bias'] = [d.vocabSize];
  return shapes;
}

/** The module a parameter belongs to: `h0.attn.q.weight` -> `h0.attn.q`. */
export function moduleOf(paramName: string): string {
  return paramName.slice(0, paramName.lastIndexOf('.'));
}

export function countParams(shapes: ParamShapes): number {
  return Object.values(shapes).reduce((n, s) => n + s.reduce((a, b) => a * b, 1), 0);
}

/** LoRA's target modules: 'q' -> h{i}.attn.q, 'up' -> h{i}.mlp.up. */
export function loraModules(nLayers: number, targets: readonly string[]): string[] {
  const modules: string[] = [];
  for (let i = 0; i < nLayers; i++) {
    for (const t of targets) modules.push(t === 'up' || t === 'down' ? `h${i}.mlp.${t}` : `h${i}.attn.${t}`);
  }
  return modules;
}

/** LoRA's scale s: alpha / r, or alpha / √r with rsLoRA. */
export function loraScale(spec: { rank: number; alpha: number; rslora: boolean }): number {
  return spec.rslora ? spec.alpha / Math.sqrt(spec.rank) : spec.alpha / spec.rank;
}
