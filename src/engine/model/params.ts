/** Initial values for the parameters named in shapes.ts. */
import { Rng } from '../data/rng';
import { paramSpecs } from './architecture';
import type { ModelDims } from './dims';

/**
 * GPT-2 initialisation from a seeded stream, parameter by parameter in the
 * checkpoint's order: weights N(0, 0.02), the residual projections (attn.o,
 * mlp.down) scaled by 1/sqrt(2·layers), biases 0, gains 1.
 */
export function initialValues(d: ModelDims, seed: number): Record<string, Float32Array> {
  const rng = Rng.derive(seed, 'init');
  const values: Record<string, Float32Array> = {};
  for (const p of paramSpecs(d)) {
    const size = p.shape.reduce((a, b) => a * b, 1);
    const v = new Float32Array(size);
    if (p.role === 'gain') v.fill(1);
    else if (p.role === 'weight') {
      const std = p.residual ? 0.02 / Math.sqrt(2 * d.nLayers) : 0.02;
      for (let i = 0; i < size; i++) v[i] = std * rng.normal();
    }
    values[p.param] = v;
  }
  return values;
}
