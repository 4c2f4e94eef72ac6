import { afterAll, describe, expect, it } from 'vitest';
import { useBackend, type BackendName } from '../backend/backends';
import { Rng } from '../data/rng';
import * as tf from '../tf';
import { matMulNT, matMulTN } from './matmul';

afterAll(async () => {
  await useBackend('cpu');
});

const random = (rows: number, cols: number, seed: number) => {
  const rng = new Rng(seed);
  return tf.tensor2d(Float32Array.from({ length: rows * cols }, () => rng.normal()), [rows, cols]);
};

describe('transposed matrix products', () => {
  for (const backend of ['cpu', 'wasm'] as BackendName[]) {
    it(`equal the product with an explicit transpose on ${backend}`, async () => {
      await useBackend(backend);
      tf.tidy(() => {
        const a = random(37, 19, 1);
        const b = random(23, 19, 2);
        const c = random(37, 23, 3);
        const pairs = [
          [matMulNT(a, b), tf.matMul(a, tf.transpose(b))],
          [matMulTN(a, c), tf.matMul(tf.transpose(a), c)],
        ];
        for (const [fast, plain] of pairs) {
          const x = fast.dataSync();
          const y = plain.dataSync();
          expect(fast.shape).toEqual(plain.shape);
          y.forEach((v, i) => expect(Math.abs(x[i] - v)).toBeLessThan(1e-4 * (1 + Math.abs(v))));
        }
      });
    });
  }
});
