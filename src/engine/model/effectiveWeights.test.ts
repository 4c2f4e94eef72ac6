import { beforeAll, describe, expect, it } from 'vitest';
import { useBackend } from '../backend/backends';
import { configSchema } from '../config/schema';
import { prepareTraining } from '../experiment/setup';
import { randomCheckpoint, TINY_DIMS } from '../testing/fixtures';
import * as tf from '../tf';
import { effectiveWeights, weightsModel } from './effectiveWeights';
import { modelInput } from './input';
import { Gpt } from './model';

beforeAll(async () => {
  await useBackend('cpu');
});

const ids = Int32Array.from({ length: 2 * 12 }, (_, i) => (i * 7 + 3) % TINY_DIMS.vocabSize);
const logitsOf = (model: Gpt) => tf.tidy(() => Array.from(model.logits(modelInput(ids, 2, 12, model.dims)).dataSync()));

describe('a trained model’s weights, kept apart from the run', () => {
  it('rebuild a model that gives the same logits, LoRA adapters merged in', async () => {
    const model = new Gpt(TINY_DIMS, randomCheckpoint(TINY_DIMS, 4).values);
    const setup = prepareTraining(model, configSchema.parse({ method: 'lora', lora: { rank: 2 } }), model.theta, []);
    // Non-zero adapters, so merging them matters.
    tf.tidy(() => model.lora!.theta.assign(tf.mul(tf.sin(tf.range(0, model.lora!.layout.size)), 0.3)));
    const before = tf.memory().numTensors;
    const weights = await effectiveWeights(model);
    expect(tf.memory().numTensors).toBe(before);
    const copy = weightsModel(TINY_DIMS, weights);
    const want = logitsOf(model);
    const got = logitsOf(copy);
    expect(Math.max(...got.map((g, i) => Math.abs(g - want[i])))).toBeLessThan(1e-4);
    // Without the adapters the base weights alone differ: the merge is what makes them equal.
    const plain = new Gpt(TINY_DIMS, randomCheckpoint(TINY_DIMS, 4).values);
    expect(Math.max(...logitsOf(plain).map((g, i) => Math.abs(g - want[i])))).toBeGreaterThan(1e-3);
    [copy, plain, model].forEach((m) => m.dispose());
    setup.dispose();
  });

  it('refuse weights of another shape by their size', () => {
    expect(() => weightsModel(TINY_DIMS, new Float32Array(10))).toThrow(/hold 10 numbers; a model of this shape has \d+/);
  });
});
