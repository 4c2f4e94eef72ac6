/** Initial values for the parameters named in shapes.ts. */
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
