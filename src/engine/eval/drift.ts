/**
 * How far the weights have moved from the base model: ‖θ − θ0‖ per module
 * (weights and biases of `h0.attn.q` together) and over all parameters.
 * With LoRA the effective weights are W0 + s·B A, so a module's drift is ‖s·B A‖.
 * The change is read back once and summed per parameter on the host.
 */
import type { Gpt } from '../model/model';
import { placementIndices } from '../model/layout';
import { moduleOf } from '../model/shapes';
import * as tf from '../tf';

export interface Drift {
  total: number;
  byLayer: Record<string, number>;
}

export async function measureDrift(model: Gpt, theta0: tf.Tensor): Promise<Drift> {
  const { layout, placements, lora } = model;
  const adapted = lora ? [...lora.groups.map((g) => `${g.module}.weight`)] : [];
  const change = tf.tidy(() => {
    const parts: tf.Tensor[] = [tf.sub(model.theta, theta0)];
    if (lora) {
      const deltas = lora.deltas();
      for (const name of adapted) parts.push(tf.reshape(deltas.get(name)!, [-1]));
    }
    return tf.concat(parts);
  });
  const values = (await change.data()) as Float32Array;
  change.dispose();
  // The effective change: the base weights' own, plus each adapter's on its module's weight.
  const effective = Float64Array.from(values.subarray(0, layout.size));
  let at = layout.size;
  for (const name of adapted) {
    const segment = layout.byName.get(name)!;
    for (let i = 0; i < segment.size; i++) effective[segment.offset + i] += values[at + i];
    at += segment.size;
  }
  const squares: Record<string, number> = {};
  let total = 0;
  for (const p of placements) {
    let sum = 0;
    for (const i of placementIndices(layout, p)) sum += effective[i] * effective[i];
    const module = moduleOf(p.param);
    squares[module] = (squares[module] ?? 0) + sum;
    total += sum;
  }
  const byLayer: Record<string, number> = {};
  for (const [module, sum] of Object.entries(squares)) byLayer[module] = Math.sqrt(sum);
  return { total: Math.sqrt(total), byLayer };
}
