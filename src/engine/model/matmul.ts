/**
 * 2-D matrix products with one operand transposed: a·bᵀ and aᵀ·b.
 *
 * tfjs's matMul takes transpose flags, and GPU backends read the operand
 * transposed for free. The wasm backend does not: with a flag, its 2-D
 * product leaves XNNPACK for a scalar loop 5–14× slower than an explicit
 * transpose followed by a plain product (measured at the model's shapes,
 * e.g. 576×256 · (64×256)ᵀ: 18 ms with the flag, 2.7 ms transposed first).
 * The values are the same products either way, up to float rounding order;
 * a test checks both forms agree.
 */
import * as tf from '../tf';

const transposeFirst = () => tf.getBackend() === 'wasm';

/** a · bᵀ */
export function matMulNT(a: tf.Tensor2D, b: tf.Tensor2D): tf.Tensor2D {
  return transposeFirst() ? tf.matMul(a, tf.transpose(b)) : tf.matMul(a, b, false, true);
}

/** aᵀ · b */
export function matMulTN(a: tf.Tensor2D, b: tf.Tensor2D): tf.Tensor2D {
  return transposeFirst() ? tf.matMul(tf.transpose(a), b) : tf.matMul(a, b, true, false);
}
