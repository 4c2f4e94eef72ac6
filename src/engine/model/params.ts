/**
 * The model's parameters by name, laid out like nanoGPT's: `wte`, `wpe`, then
 * per block `h{i}.ln1`, `h{i}.attn.{q,k,v,o}`, `h{i}.ln2`, `h{i}.mlp.{up,down}`,
 * and `lnf`, `head`. A parameter's name is `<module>.<weight|bias|gain>`, so
 * code can target, freeze and measure modules by name.
 */
import * as tf from '../tf';
import { Rng } from '../data/rng';
import type { ModelDims } from './dims';

export type ParamShapes = Record<string, number[]>;

export const ATTENTION_PARTS = ['q', 'k', 'v', 'o'] as const;
export const MLP_PARTS = ['up', 'down'] as const;

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
  shapes['head.weight'] = [d.dModel, d.vocabSize];
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

/**
 * GPT-2 initialisation from a seeded stream: weights N(0, 0.02), the residual
 * projections (attn.o, mlp.down) scaled by 1/sqrt(2·layers), biases 0, gains 1.
 */
export function initialValues(d: ModelDims, seed: number): Record<string, Float32Array> {
  const rng = Rng.derive(seed, 'init');
  const values: Record<string, Float32Array> = {};
  for (const [name, shape] of Object.entries(paramShapes(d))) {
    const size = shape.reduce((a, b) => a * b, 1);
    const v = new Float32Array(size);
    if (name.endsWith('.gain')) v.fill(1);
    else if (name.endsWith('.weight')) {
      const residual = name.endsWith('attn.o.weight') || name.endsWith('mlp.down.weight');
      const std = residual ? 0.02 / Math.sqrt(2 * d.nLayers) : 0.02;
      for (let i = 0; i < size; i++) v[i] = std * rng.normal();
    }
    values[name] = v;
  }
  return values;
}

/** Named trainable variables holding the given values. The caller disposes them. */
export function makeVariables(d: ModelDims, values: Record<string, Float32Array>): Map<string, tf.Variable> {
  const vars = new Map<string, tf.Variable>();
  for (const [name, shape] of Object.entries(paramShapes(d))) {
    const v = values[name];
    if (!v) throw new Error(`missing parameter '${name}'`);
    // tidy frees the staging tensor; the variable keeps its own reference.
    vars.set(name, tf.tidy(() => tf.variable(tf.tensor(v, shape, 'float32'), true)));
  }
  return vars;
}
