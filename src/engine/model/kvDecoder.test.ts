import { beforeAll, describe, expect, it } from 'vitest';
import { useBackend } from '../backend/backends';
import { configSchema } from '../config/schema';
import { Rng } from '../data/rng';
import { prepareTraining } from '../experiment/setup';
import { randomCheckpoint, TINY_DIMS } from '../testing/fixtures';
import * as tf from '../tf';
import { modelInput } from './input';
import { KvDecoder } from './kvDecoder';
import { Gpt } from './model';

beforeAll(async () => {
  await useBackend('cpu');
});

/** Logits of every position of `rows` sequences from one forward pass, (rows, T, vocab). */
function fullLogits(model: Gpt, ids: number[][]): Float32Array[] {
  const length = ids[0].length;
  const flat = Int32Array.from(ids.flat());
  const logits = tf.tidy(() => model.logits(modelInput(flat, ids.length, length, model.dims)).dataSync() as Float32Array);
  const v = model.dims.vocabSize;
  return ids.map((_, r) => logits.subarray(r * length * v, (r + 1) * length * v));
}

describe('the KV-cached decoder', () => {
  for (const [name, dims, lora] of [
    ['untied head', TINY_DIMS, false],
    ['tied head, with LoRA adapters', { ...TINY_DIMS, tiedHead: true }, true],
  ] as const) {
    it(`gives forward()'s logits at every position, one position at a time (${name})`, () => {
      const model = new Gpt(dims, randomCheckpoint(dims, 3).values);
      const setup = lora ? prepareTraining(model, configSchema.parse({ method: 'lora', lora: { rank: 2 } }), model.theta, []) : null;
      // Non-zero adapters, so they change the logits.
      if (model.lora) tf.tidy(() => model.lora!.theta.assign(tf.mul(tf.sin(tf.range(0, model.lora!.layout.size)), 0.3)));
      const rng = new Rng(11);
      const ids = Array.from({ length: 3 }, () => Array.from({ length: dims.context }, () => rng.int(0, dims.vocabSize - 1)));
      const expected = fullLogits(model, ids);
      const decoder = new KvDecoder(model, ids.length);
      const v = dims.vocabSize;
      let worst = 0;
      for (let t = 0; t < dims.context; t++) {
        const logits = decoder.step(Int32Array.from(ids, (row) => row[t]));
        const got = logits.dataSync();
        logits.dispose();
        for (let r = 0; r < ids.length; r++) for (let k = 0; k < v; k++) worst = Math.max(worst, Math.abs(got[r * v + k] - expected[r][t * v + k]));
      }
      expect(worst).toBeLessThan(1e-4);
      expect(() => decoder.step(Int32Array.from(ids, (row) => row[0]))).toThrow(/at most 20 positions/);
      decoder.dispose();
      setup?.dispose();
      model.dispose();
    });
  }

  it('frees everything it made, inside or outside tf.tidy', () => {
    const model = new Gpt(TINY_DIMS, randomCheckpoint().values);
    const before = tf.memory().numTensors;
    const decoder = new KvDecoder(model, 2);
    for (let t = 0; t < 5; t++) tf.tidy(() => void decoder.step(Int32Array.of(t, t + 1)));
    decoder.step(Int32Array.of(1, 2)).dispose();
    decoder.dispose();
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });
});
