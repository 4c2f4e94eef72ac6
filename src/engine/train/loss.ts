/** Masked next-token cross-entropy: the mean over the targets the mask selects. */
import * as tf from '../tf';

/**
 * logits (N, V), targets one-hot (N, V), mask (N) of 0/1.
 * Returns -Σ mask·log p(target) / max(Σ mask, 1).
 */
export function maskedCrossEntropy(logits: tf.Tensor2D, targetsOneHot: tf.Tensor2D, mask: tf.Tensor1D): tf.Scalar {
  const logProbs = tf.logSoftmax(logits);
  const picked = tf.sum(tf.mul(logProbs, targetsOneHot), 1);
  return tf.div(tf.neg(tf.sum(tf.mul(picked, mask))), tf.maximum(tf.sum(mask), 1)) as tf.Scalar;
}
