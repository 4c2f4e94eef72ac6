/** Initial values and tfjs variables for the parameters named in shapes.ts. */
import * as tf from '../tf';
import { Rng } from '../data/rng';
import type { ModelDims } from './dims';
import { paramShapes } from './shapes';

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
