/** Masked next-token cross-entropy: the mean over the targets the mask selects. */
import * as tf from '../tf';

/**
 * logits (N, V), targets one-hot (N, V), mask (N) of 0/1.
 * Returns -Σ mask·log p(target) / max(Σ mask, 1). The reference form, for tfjs to differentiate.
 */
export function maskedCrossEntropy(logits: tf.Tensor2D, targetsOneHot: tf.Tensor2D, mask: tf.Tensor1D): tf.Scalar {
  const logProbs = tf.logSoftmax(logits);
  const picked = tf.sum(tf.mul(logProbs, targetsOneHot), 1);
  return tf.div(tf.neg(tf.sum(tf.mul(picked, mask))), tf.maximum(tf.sum(mask), 1)) as tf.Scalar;
}

/**
 * The same loss from per-position weights (batchTensors.ts: one-hot target ×
 * mask / Σ mask), with its gradient written out:
 *   L = −Σ w·log p(target),  dL/dlogits = softmax(logits)·w − w·onehot(target)
 */
export function crossEntropyWithGradient(
  logits: tf.Tensor2D,
  targetWeights: tf.Tensor2D,
  rowWeights: tf.Tensor2D,
): { loss: tf.Scalar; dLogits: tf.Tensor2D } {
  const logProbs = tf.logSoftmax(logits);
  const loss = tf.neg(tf.sum(tf.mul(logProbs, targetWeights))) as tf.Scalar;
  const dLogits = tf.sub(tf.mul(tf.exp(logProbs), rowWeights), targetWeights) as tf.Tensor2D;
  return { loss, dLogits };
}
