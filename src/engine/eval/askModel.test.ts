import { beforeAll, describe, expect, it } from 'vitest';
import { readCheckpoint } from '../../../scripts/lib/checkpointFiles';
import { useBackend } from '../backend/backends';
import type { Checkpoint } from '../checkpoint/format';
import { heldOutSet } from '../data/heldout';
import { EOS } from '../data/vocab';
import { Gpt } from '../model/model';
import { GENERAL_SKILLS, TASKS } from '../scenarios/skills/skills';
import { randomCheckpoint, TINY_DIMS } from '../testing/fixtures';
import * as tf from '../tf';
import { askModel, softmaxAt, topChances } from './askModel';
import { greedyAnswers } from './generate';

let base: Checkpoint;

beforeAll(async () => {
  await useBackend('cpu');
  base = await readCheckpoint();
});

const prompts = () => [...GENERAL_SKILLS, ...TASKS].flatMap((skill) => heldOutSet(skill, 2).examples.map((e) => e.prompt));

describe('asking the model a prompt of one’s own', () => {
  it('answers greedily exactly as the before/after panel’s decoding does (shipped base model and a random one)', async () => {
    for (const checkpoint of [base, randomCheckpoint(TINY_DIMS, 5)]) {
      const model = new Gpt(checkpoint.manifest.dims, checkpoint.values);
      const all = prompts();
      const expected = await greedyAnswers(model, all, model.dims.context);
      for (const [i, prompt] of all.entries()) {
        const got = await askModel(model, prompt, { maxNew: model.dims.context, temperature: 0, seed: 1, stopAt: EOS });
        expect(got.steps.map((s) => s.token), `prompt ${i}`).toEqual(expected[i]);
      }
      model.dispose();
    }
  });

  it('reports each position’s five most probable symbols, sorted, summing to at most 1, the written one first when greedy', async () => {
    const model = new Gpt(base.manifest.dims, base.values);
    const got = await askModel(model, prompts()[0], { maxNew: 20, temperature: 0, seed: 1, stopAt: EOS });
    expect(got.steps.length).toBeGreaterThan(0);
    for (const step of [...got.steps, got.stop!]) {
      expect(step.top).toHaveLength(5);
      const ps = step.top.map((c) => c.p);
      expect([...ps].sort((a, b) => b - a)).toEqual(ps);
      expect(ps.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(1 + 1e-9);
      expect(ps.every((p) => p >= 0)).toBe(true);
      expect(step.top[0].token).toBe(step.token);
      expect(new Set(step.top.map((c) => c.token)).size).toBe(5);
    }
    expect(got.ended).toBe('stop');
    expect(got.stop!.token).toBe(EOS);
    model.dispose();
  });

  it('samples reproducibly from a seed, differently from another seed, and as greedy when the temperature goes to 0', async () => {
    const model = new Gpt(TINY_DIMS, randomCheckpoint(TINY_DIMS, 9).values);
    const prompt = prompts()[3];
    const ask = (temperature: number, seed: number) => askModel(model, prompt, { maxNew: 12, temperature, seed }).then((r) => r.steps.map((s) => s.token));
    const first = await ask(1.5, 7);
    expect(await ask(1.5, 7)).toEqual(first);
    const others = await Promise.all([8, 9, 10, 11].map((seed) => ask(1.5, seed)));
    expect(others.some((o) => JSON.stringify(o) !== JSON.stringify(first))).toBe(true);
    const greedy = await ask(0, 1);
    expect(await ask(1e-6, 7)).toEqual(greedy);
    expect(await ask(1e-6, 123)).toEqual(greedy);
    model.dispose();
  });

  it('stops at the length asked for and at the context, and leaves no tensors behind', async () => {
    const model = new Gpt(TINY_DIMS, randomCheckpoint(TINY_DIMS, 2).values);
    const before = tf.memory().numTensors;
    const short = await askModel(model, [3, 10, 11], { maxNew: 4, temperature: 1, seed: 3 });
    expect(short.steps).toHaveLength(4);
    expect(short.ended).toBe('length');
    const long = await askModel(model, [3, 10, 11], { maxNew: 1000, temperature: 1, seed: 3 });
    // Three prompt symbols read, then one written per position until the context is full, and one more from its last position.
    expect(long.steps).toHaveLength(TINY_DIMS.context - 3 + 1);
    expect(long.ended).toBe('context');
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });

  it('says what is wrong with a bad request, and leaves no tensors behind then either', async () => {
    const model = new Gpt(TINY_DIMS, randomCheckpoint(TINY_DIMS, 2).values);
    const before = tf.memory().numTensors;
    await expect(askModel(model, [], { maxNew: 4, temperature: 0, seed: 1 })).rejects.toThrow(/empty/);
    await expect(askModel(model, Array(21).fill(10), { maxNew: 4, temperature: 0, seed: 1 })).rejects.toThrow(/at most 20/);
    await expect(askModel(model, [99], { maxNew: 4, temperature: 0, seed: 1 })).rejects.toThrow(/outside the model's vocabulary/);
    await expect(askModel(model, [10], { maxNew: 4, temperature: -1, seed: 1 })).rejects.toThrow(/temperature/);
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });
});

describe('the probabilities', () => {
  it('sum to 1 at any temperature, and a tiny temperature puts all of it on the largest logit', () => {
    const logits = [1.5, -2, 0.25, 1.49, 3];
    for (const t of [0.3, 1, 2]) expect(softmaxAt(logits, t).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(Array.from(softmaxAt(logits, 1e-9))).toEqual([0, 0, 0, 0, 1]);
    expect(topChances(softmaxAt(logits, 1), 3).map((c) => c.token)).toEqual([4, 0, 3]);
  });
});
