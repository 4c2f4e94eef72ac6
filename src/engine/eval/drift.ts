/**
 * How far the weights have moved from the base model: ‖θ − θ0‖ per module
 * (weights and biases of `h0.attn.q` together) and over all parameters.
 * With LoRA the effective weights are W0 + s·B A, so a module's drift is ‖s·B A‖.
 * The change is read back once and its squares summed per module on the host.
 */
import type { z } from 'zod';
import type { driftSchema } from '../experiment/eventSchema';
import type { Gpt } from '../model/model';
import { placementIndices } from '../model/layout';
import * as tf from '../tf';

export type Drift = z.infer<typeof driftSchema>;

export async function measureDrift(model: Gpt, theta0: tf.Tensor): Promise<Drift> {
  const { layout, lora } = model;
  const adapted = lora ? lora.groups.map((g) => g.names.weight) : [];
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
  const { modules, owner } = moduleIndex(model);
  const squares = new Float64Array(modules.length);
  for (let i = 0; i < effective.length; i++) squares[owner[i]] += effective[i] * effective[i];
  const byLayer: Record<string, number> = {};
  modules.forEach((module, m) => (byLayer[module] = Math.sqrt(squares[m])));
  return { total: Math.sqrt(squares.reduce((a, b) => a + b, 0)), byLayer };
}

/** For each element of the packed weights, the index of its module (`h0.attn.q`, …), computed once per layout. */
const moduleIndexes = new WeakMap<object, { modules: string[]; owner: Uint16Array }>();
function moduleIndex({ layout, placements }: Pick<Gpt, 'layout' | 'placements'>) {
  let index = moduleIndexes.get(layout);
  if (!index) {
    const modules = [...new Set(placements.map((p) => p.module))];
    const owner = new Uint16Array(layout.size);
    for (const p of placements) {
      const m = modules.indexOf(p.module);
      for (const i of placementIndices(layout, p)) owner[i] = m;
    }
    index = { modules, owner };
    moduleIndexes.set(layout, index);
  }
  return index;
}
