/**
 * 2-D matrix products with one operand transposed: a·bᵀ and aᵀ·b.
 *
 * tfjs's matMul takes transpose flags, and GPU backends and the lab's SIMD
 * kernel for wasm (backend/wasmBatchMatMul.ts) read the operand transposed for
 * free. tfjs-wasm's own product does not: with a flag it leaves XNNPACK for a
 * scalar loop 5–14× slower than an explicit transpose and a plain product. So
 * where that kernel is missing (a browser without wasm SIMD), transpose first.
 * The values are the same products either way, up to float rounding order.
 */
import { simdBatchMatMulActive } from '../backend/wasmBatchMatMul';
import * as tf from '../tf';

const transposeFirst = () => tf.getBackend() === 'wasm' && !simdBatchMatMulActive();

/** a · bᵀ */
export function matMulNT(a: tf.Tensor2D, b: tf.Tensor2D): tf.Tensor2D {
  return transposeFirst() ? tf.matMul(a, tf.transpose(b)) : tf.matMul(a, b, false, true);
}

/** aᵀ · b */
export function matMulTN(a: tf.Tensor2D, b: tf.Tensor2D): tf.Tensor2D {
  return transposeFirst() ? tf.matMul(tf.transpose(a), b) : tf.matMul(a, b, true, false);
}
