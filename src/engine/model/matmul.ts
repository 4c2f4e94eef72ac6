/**
 * 2-D matrix product with a hand-written gradient. tfjs's own gradient of
 * matMul uses the transposeA/transposeB flags, and on the wasm backend those
 * products run 5–14× slower than an explicit transpose followed by a plain
 * product (measured at the model's shapes: scratch benchmark in the issue-6
 * notes). The values are the same products, so results only change by float
 * rounding order.
 */
import * as tf from '../tf';

export const matMul2d = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
  const [a, b, save] = args as [tf.Tensor2D, tf.Tensor2D, tf.GradSaveFunc];
  save([a, b]);
  return {
    value: tf.matMul(a, b),
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [sa, sb] = saved as tf.Tensor2D[];
      return [tf.matMul(dy as tf.Tensor2D, tf.transpose(sb)), tf.matMul(tf.transpose(sa), dy as tf.Tensor2D)];
    },
  };
}) as (a: tf.Tensor2D, b: tf.Tensor2D) => tf.Tensor2D;

