import { beforeAll, describe, expect, it } from 'vitest';
import { useBackend } from '../backend/backends';
import * as tf from '../tf';
import { maskedCrossEntropy } from './loss';

beforeAll(async () => {
  await useBackend('cpu');
});

describe('masked cross-entropy', () => {
  it('equals a hand computation over the masked positions only', () => {
    const logits = [
      [2, 0, -1],
      [0.5, 0.5, 3],
      [1, 1, 1],
    ];
    const targets = [0, 2, 1];
    const mask = [1, 0, 1];
    const logSoftmax = (row: number[]) => {
      const z = Math.log(row.reduce((a, v) => a + Math.exp(v), 0));
      return row.map((v) => v - z);
    };
    const expected = -(logSoftmax(logits[0])[0] + logSoftmax(logits[2])[1]) / 2;
    const loss = maskedCrossEntropy(tf.tensor2d(logits), tf.cast(tf.oneHot(targets, 3), 'float32') as tf.Tensor2D, tf.tensor1d(mask));
    expect(loss.dataSync()[0]).toBeCloseTo(expected, 5);
  });

  it('sends no gradient to masked-out positions', () => {
    const logits = tf.tensor2d([[2, 0, -1], [0.5, 0.5, 3]]);
    const g = tf.grad((l: tf.Tensor) => maskedCrossEntropy(l as tf.Tensor2D, tf.cast(tf.oneHot([0, 2], 3), 'float32') as tf.Tensor2D, tf.tensor1d([1, 0])))(logits);
    const rows = g.arraySync() as number[][];
    for (const v of rows[1]) expect(v === 0).toBe(true);
    expect(Math.abs(rows[0][0])).toBeGreaterThan(0.01);
  });
});
