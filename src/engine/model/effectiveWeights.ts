/**
 * A trained model's weights as one flat base-layout vector (layout.ts), with
 * any LoRA adapters merged in (W0 + s·B A), read back to the host: a copy that
 * outlives the run, from which `weightsModel` builds a plain Gpt in any worker
 * to ask it prompts.
 */
import type { ModelDims } from './dims';
import { baseLayout, basePlacements, unpackValues } from './layout';
import { Gpt } from './model';
import { joinPack } from './pack';
import * as tf from '../tf';

export async function effectiveWeights(model: Gpt): Promise<Float32Array> {
  const merged = tf.tidy(() => (model.lora ? tf.add(model.theta, joinPack(model.layout, model.lora.deltas())) : tf.clone(model.theta)));
  const values = (await merged.data()) as Float32Array;
  merged.dispose();
  return values;
}

/** A model of `dims` with the given flat weights (effectiveWeights' output); the caller disposes it. */
export function weightsModel(dims: ModelDims, weights: Float32Array): Gpt {
  const layout = baseLayout(dims);
  if (weights.length !== layout.size) throw new Error(`these weights hold ${weights.length} numbers; a model of this shape has ${layout.size}`);
  return new Gpt(dims, unpackValues(layout, basePlacements(dims), weights));
}
