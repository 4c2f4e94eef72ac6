import { beforeAll, describe, expect, it } from 'vitest';
import { useBackend } from '../backend/backends';
import { Rng } from '../data/rng';
import { TINY_DIMS } from '../testing/fixtures';
import * as tf from '../tf';
import { BASE_DIMS } from '../experiment/pretrain';
import { gelu, layerNorm } from './gpt';
import { modelInput } from './input';
import { baseLayout, basePlacements, placementIndices } from './layout';
import { Gpt } from './model';
import { initialValues } from './params';
import { countParams, paramShapes } from './shapes';

beforeAll(async () => {
  await useBackend('cpu');
});

function randomIds(count: number, seed: number): Int32Array {
  const rng = new Rng(seed);
  return Int32Array.from({ length: count }, () => rng.int(0, TINY_DIMS.vocabSize - 1));
}

describe('GPT', () => {
  it('names its parameters by layer and module', () => {
    const names = Object.keys(paramShapes(BASE_DIMS));
    for (const n of ['wte.weight', 'wpe.weight', 'h0.attn.q.weight', 'h1.mlp.up.bias', 'h1.ln2.gain', 'lnf.bias', 'head.weight']) {
      expect(names).toContain(n);
    }
    // The shipped size: about 100k parameters.
    expect(countParams(paramShapes(BASE_DIMS))).toBeGreaterThan(90_000);
    expect(countParams(paramShapes(BASE_DIMS))).toBeLessThan(120_000);
  });

  it('places every parameter element in exactly one element of the packed layout', () => {
    const layout = baseLayout(BASE_DIMS);
    const hits = new Uint8Array(layout.size);
    for (const p of basePlacements(BASE_DIMS)) for (const i of placementIndices(layout, p)) hits[i] += 1;
    expect(hits.every((h) => h === 1)).toBe(true);
    expect(layout.size).toBe(countParams(paramShapes(BASE_DIMS)));
  });

  it('gives logits of shape (batch·length, vocab)', () => {
    const model = new Gpt(TINY_DIMS, initialValues(TINY_DIMS, 1));
    const logits = tf.tidy(() => model.logits(modelInput(randomIds(21, 1), 3, 7, TINY_DIMS)));
    expect(logits.shape).toEqual([21, TINY_DIMS.vocabSize]);
    logits.dispose();
    model.dispose();
  });

  it('is causal: a later token never changes an earlier position', () => {
    const model = new Gpt(TINY_DIMS, initialValues(TINY_DIMS, 2));
    const a = randomIds(10, 3);
    const b = a.slice();
    b[7] = (b[7] + 1) % TINY_DIMS.vocabSize;
    const [la, lb] = tf.tidy(() => [a, b].map((ids) => model.logits(modelInput(ids, 1, 10, TINY_DIMS)).arraySync() as number[][]));
    for (let t = 0; t < 7; t++) for (let v = 0; v < TINY_DIMS.vocabSize; v++) expect(lb[t][v]).toBeCloseTo(la[t][v], 5);
    expect(Math.max(...lb[7].map((x, v) => Math.abs(x - la[7][v])))).toBeGreaterThan(1e-4);
    model.dispose();
  });

  it('pads without effect: a sequence scores the same alone or after padding is added', () => {
    const model = new Gpt(TINY_DIMS, initialValues(TINY_DIMS, 4));
    const ids = randomIds(6, 5);
    const padded = new Int32Array(10);
    padded.set(ids);
    const [short, long] = tf.tidy(() => [
      model.logits(modelInput(ids, 1, 6, TINY_DIMS)).arraySync() as number[][],
      model.logits(modelInput(padded, 1, 10, TINY_DIMS)).arraySync() as number[][],
    ]);
    short.forEach((row, t) => row.forEach((x, v) => expect(long[t][v]).toBeCloseTo(x, 5)));
    model.dispose();
  });

  it('normalises with LayerNorm to mean 0 and variance 1 before gain and bias', () => {
    tf.tidy(() => {
      const y = layerNorm(tf.tensor2d([[1, 2, 3, 4], [10, -10, 5, 0]]), tf.ones([4]), tf.zeros([4]));
      const { mean, variance } = tf.moments(y, -1);
      for (const m of mean.arraySync() as number[]) expect(m).toBeCloseTo(0, 5);
      for (const v of variance.arraySync() as number[]) expect(v).toBeCloseTo(1, 3);
    });
  });

  it('computes GELU as 0.5·x·(1 + tanh(√(2/π)(x + 0.044715x³)))', () => {
    const rng = new Rng(22);
    const values = Array.from({ length: 40 }, () => 3 * rng.normal());
    const y = tf.tidy(() => gelu(tf.tensor2d(values, [5, 8])).dataSync());
    values.forEach((v, i) => expect(y[i]).toBeCloseTo(0.5 * v * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (v + 0.044715 * v ** 3))), 5));
  });
});
