import { beforeAll, describe, expect, it } from 'vitest';
import { useBackend } from '../../backend/backends';
import { Gpt } from '../../model/model';
import { realWordShare } from './realWords';
import { TEXT_SYMBOLS } from './textVocab';
import { TINY_TEXT_DIMS, tinyTextCheckpoint, tinyTextCorpus } from '../../testing/textFixtures';
import * as tf from '../../tf';
import { sampleContinuations, TEXT_SAMPLE_SPEC, textSamples } from './textSamples';

beforeAll(async () => {
  await useBackend('cpu');
});

describe('text samples', () => {
  it('continue every prompt as far as the context holds, the same every time, and differently for another model', async () => {
    const a = new Gpt(TINY_TEXT_DIMS, tinyTextCheckpoint(1).values);
    const b = new Gpt(TINY_TEXT_DIMS, tinyTextCheckpoint(2).values);
    const first = await sampleContinuations(a);
    expect(first).toHaveLength(TEXT_SAMPLE_SPEC.prompts.length * TEXT_SAMPLE_SPEC.perPrompt);
    // 'she said ' is 9 characters: a context of 24 holds 16 more after it.
    for (const row of first) expect(row).toHaveLength(TINY_TEXT_DIMS.context - 9 + 1);
    expect(await sampleContinuations(a)).toEqual(first);
    expect(await sampleContinuations(b)).not.toEqual(first);
    a.dispose();
    b.dispose();
  });

  it('draw from the model’s own distribution: a model sure of one symbol writes only it', async () => {
    const values = tinyTextCheckpoint().values;
    for (const v of Object.values(values)) v.fill(0);
    values['head.bias'][TEXT_SYMBOLS.indexOf('z')] = 50;
    const model = new Gpt(TINY_TEXT_DIMS, values);
    const rows = await sampleContinuations(model, { ...TEXT_SAMPLE_SPEC, perPrompt: 2 });
    for (const row of rows) expect(new Set(row)).toEqual(new Set([TEXT_SYMBOLS.indexOf('z')]));
    model.dispose();
  });

  it('come with the real-word share of all of them and their made-up words marked', async () => {
    const model = new Gpt(TINY_TEXT_DIMS, tinyTextCheckpoint(3).values);
    const { words } = tinyTextCorpus();
    const before = tf.memory().numTensors;
    const { samples, realWords } = await textSamples(model, words!);
    expect(tf.memory().numTensors).toBe(before);
    expect(samples.map((s) => s.prompt)).toEqual(TEXT_SAMPLE_SPEC.prompts.flatMap((p) => Array.from({ length: TEXT_SAMPLE_SPEC.perPrompt }, () => p)));
    expect(realWords).toBe(realWordShare(samples.map((s) => s.answer), words!));
    for (const s of samples) {
      expect(s.expected).toBe('');
      for (const [start, end] of s.nonWords!) expect(words!.has(s.answer.slice(start, end))).toBe(false);
    }
    model.dispose();
  });
});
