import { afterAll, describe, expect, it } from 'vitest';
import { Rng } from '../data/rng';
import * as tf from '../tf';
import { useBackend } from './backends';

afterAll(async () => {
  await useBackend('cpu');
});

/** Runs f on cpu (the reference kernels) and on wasm (patched), returning both results' values. */
async function onBoth(f: () => tf.Tensor | tf.Tensor[]): Promise<[number[][], number[][]]> {
  const values = () => tf.tidy(() => [f()].flat().map((t) => Array.from(t.dataSync())));
  await useBackend('cpu');
  const cpu = values();
  await useBackend('wasm');
  return [cpu, values()];
}

const random = (shape: number[], seed: number) => {
  const rng = new Rng(seed);
  return tf.tensor(Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => rng.normal()), shape);
};

describe('wasm kernel patches', () => {
  const cases: Array<[string, number[], number[], number[]]> = [
    ['1-D, contiguous', [105], [17], [40]],
    ['2-D rows', [6, 5], [2, 0], [3, 5]],
    ['2-D columns', [6, 5], [1, 2], [4, 2]],
    ['3-D middle', [4, 6, 3], [1, 2, 0], [2, 3, 3]],
    ['4-D strided', [3, 4, 5, 6], [1, 1, 2, 3], [2, 3, 2, 2]],
    ['5-D', [2, 3, 2, 3, 2], [0, 1, 1, 0, 1], [2, 2, 1, 3, 1]],
    ['empty', [4, 4], [1, 1], [0, 2]],
  ];
  for (const [name, shape, begin, size] of cases) {
    it(`Slice reads in place and gives the reference values: ${name}`, async () => {
      const [cpu, wasm] = await onBoth(() => tf.slice(random(shape, 1), begin, size));
      expect(wasm).toEqual(cpu);
    });
  }

  it('SplitV gives the reference values, along every axis', async () => {
    for (const axis of [0, 1, 2, 3]) {
      const [cpu, wasm] = await onBoth(() => tf.split(random([4, 6, 3, 6], 2 + axis), axis === 2 ? [1, 2] : [1, 2, -1], axis));
      expect(wasm).toEqual(cpu);
    }
  });

  it('Identity shares the data, and a clone outlives the original', async () => {
    await useBackend('wasm');
    const before = tf.memory().numDataBuffers;
    const x = random([1000], 3);
    const y = tf.clone(x);
    expect(tf.memory().numDataBuffers - before).toBe(1); // one buffer for two tensors
    const expected = Array.from(x.dataSync());
    x.dispose();
    expect(Array.from(y.dataSync())).toEqual(expected);
    y.dispose();
  });
});
