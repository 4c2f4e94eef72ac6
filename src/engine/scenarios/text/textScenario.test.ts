import { beforeAll, describe, expect, it } from 'vitest';
import { useBackend } from '../../backend/backends';
import { configSchema, type ConfigInput } from '../../config/schema';
import type { TokenBatch } from '../../data/batch';
import { wordsOf } from './realWords';
import { decodeText } from './textVocab';
import { HELD_OUT_WORDS, tinyTextAssets } from '../../testing/textFixtures';
import { textScenario } from './textScenario';
import { scenarioFor } from '../runtimes';
import { randomCheckpoint } from '../../testing/fixtures';

beforeAll(async () => {
  await useBackend('cpu');
});

const open = (input: ConfigInput) => {
  const assets = tinyTextAssets();
  return { assets, run: textScenario.open(configSchema.parse({ scenario: 'text', batchSize: 8, ...input }), assets) };
};

/** The words in each row of a batch (its inputs and its last target). */
function rowWords(batch: TokenBatch): string[][] {
  return Array.from({ length: batch.size }, (_, r) => {
    const ids = [...batch.inputs.subarray(r * batch.length, (r + 1) * batch.length), batch.targets[(r + 1) * batch.length - 1]];
    return wordsOf(decodeText(ids));
  });
}

describe('the text scenario', () => {
  it('trains on training text only: no batch, and no Fisher example, holds a held-out word', () => {
    const { run } = open({ mix: 0.5, reg: { kind: 'ewc' } });
    const held = new Set(HELD_OUT_WORDS);
    for (let i = 0; i < 50; i++) for (const words of rowWords(run.nextBatch())) expect(words.filter((w) => held.has(w))).toEqual([]);
    for (const batch of run.fisherBatches()) for (const words of rowWords(batch)) expect(words.filter((w) => held.has(w))).toEqual([]);
  });

  it('draws online EWC’s Fisher windows of a stream’s stage from that domain’s training text', () => {
    const { run } = open({ stream: ['code', 'near'], reg: { kind: 'ewc', anchor: 'stage' } });
    const held = new Set(HELD_OUT_WORDS);
    const general = new Set(['the', 'man', 'she', 'said', 'and', 'was', 'her', 'his', 'that', 'had']);
    const code = run.taskFisherBatches(0);
    expect(code).toHaveLength(run.fisherBatches().length);
    for (const batch of code) {
      expect(batch.size).toBe(1);
      for (const words of rowWords(batch)) {
        expect(words.filter((w) => held.has(w))).toEqual([]);
        expect(words.some((w) => general.has(w)), words.join(' ')).toBe(false);
      }
    }
    expect(run.taskFisherBatches(1).map((b) => [...b.inputs])).not.toEqual(code.map((b) => [...b.inputs]));
  });

  it('mixes exactly round(mix × batch) windows of general prose into each batch, the rest from the domain', () => {
    const general = new Set(['the', 'man', 'she', 'said', 'and', 'was', 'her', 'his', 'that', 'had']);
    for (const mix of [0, 0.25, 0.5]) {
      const { run } = open({ mix, domain: 'code' });
      for (let i = 0; i < 10; i++) {
        const rows = rowWords(run.nextBatch());
        const prose = rows.filter((words) => words.some((w) => general.has(w))).length;
        expect(prose, `mix ${mix}`).toBe(Math.round(mix * 8));
      }
    }
  });

  it('scores the domain as the task and each genre as a general ability, on held-out text, with bits per character', async () => {
    const { assets, run } = open({ domain: 'near' });
    const { Gpt } = await import('../../model/model');
    const model = new Gpt(assets.base.manifest.dims, assets.base.values);
    const result = await run.evaluate(model, false);
    expect(Object.keys(result.general)).toEqual(['news', 'fiction']);
    expect(result.generalBpc).toBeCloseTo((result.general.news.bpc! + result.general.fiction.bpc!) / 2, 10);
    expect(result.task.bpc).toBeCloseTo(result.task.loss / Math.LN2, 10);
    expect(run.evalSize).toBe(6);
    model.dispose();
  });

  it('is refused a base model made for the other scenario, by name', () => {
    expect(() => scenarioFor('text', { base: randomCheckpoint() })).toThrow(/text scenario needs its own base model; the one given was made for skills/);
  });
});
