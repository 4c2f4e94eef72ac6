/**
 * A training batch as tensors: the model input and the loss's per-position
 * weights. Built on the host, so none of it costs a kernel.
 */
import type { TokenBatch } from '../data/batch';
import type { ModelDims } from '../model/dims';
import type { ModelInput } from '../model/gpt';
import { modelInput } from '../model/input';
import * as tf from '../tf';

export interface TrainingTensors {
  input: ModelInput;
  /** (N, vocab): one-hot target × the position's loss weight, mask / Σ mask. */
  targetWeights: tf.Tensor2D;
  /** (N, 1): each position's loss weight. */
  rowWeights: tf.Tensor2D;
}

/** Loss weights per position: mask / Σ mask, so the loss is the mean over scored targets (sum when `sum`). */
function lossWeights(mask: Float32Array, sum = false): Float32Array {
  const total = sum ? 1 : Math.max(mask.reduce((a, b) => a + b, 0), 1);
  return mask.map((m) => m / total);
}

/** Call inside tf.tidy. `sum` scores the summed log-likelihood instead of the mean (the Fisher estimate). */
export function trainingTensors(batch: TokenBatch, dims: ModelDims, sum = false): TrainingTensors {
  const n = batch.size * batch.length;
  const weights = lossWeights(batch.mask, sum);
  const targets = new Float32Array(n * dims.vocabSize);
  for (let i = 0; i < n; i++) targets[i * dims.vocabSize + batch.targets[i]] = weights[i];
  return {
    input: modelInput(batch.inputs, batch.size, batch.length, dims),
    targetWeights: tf.tensor2d(targets, [n, dims.vocabSize]),
    rowWeights: tf.tensor2d(weights, [n, 1]),
  };
}
