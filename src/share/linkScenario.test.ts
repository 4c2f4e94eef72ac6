/** Links carry the text scenario as they carry everything else: its keys, its presets, its finished runs. */
import { describe, expect, it } from 'vitest';
import { applySettings } from '../engine/config/keys';
import { presetConfig } from '../engine/config/presets';
import { defaultConfig } from '../engine/config/schema';
import type { ExperimentEvent } from '../engine/experiment/events';
import { decodeLink, encodeLink } from './link';
import { fromSharedRun, toSharedRun } from './results';

const score = (acc: number, loss: number) => ({ acc, tokenAcc: acc, loss, bpc: loss / Math.LN2 });
const evalOf = (domain: number, news: number) => ({
  task: score(domain, 3),
  general: { news: score(news, 1.7), fiction: score(news - 0.02, 1.8) },
  generalAcc: news - 0.01,
  generalTokenAcc: news - 0.01,
  generalBpc: (1.7 + 1.8) / 2 / Math.LN2,
});

describe('links in the text scenario', () => {
  it('round-trip a text config, with its preset or without', () => {
    for (const preset of ['text-ignore', 'text-mix', 'text-lora', null]) {
      const config = applySettings(presetConfig(preset ?? 'text-ignore'), { domain: 'near', lr: 3e-4, seed: 7 }).config;
      const { query } = encodeLink(config, { preset });
      const back = decodeLink(query);
      expect(back.errors, query).toEqual([]);
      expect(back.config, query).toEqual(config);
    }
    // Without a preset, the link names the scenario; a skills link does not (it is the default).
    expect(encodeLink(presetConfig('text-ignore')).query).toContain('scenario=text');
    expect(encodeLink(defaultConfig()).query).not.toContain('scenario');
  });

  it('read an unknown scenario or domain as an error by name, keeping the defaults', () => {
    const back = decodeLink('?v=2&scenario=poetry&domain=law&seed=1');
    expect(back.errors.map((e) => e.key).sort()).toEqual(['domain', 'scenario']);
    expect([back.config.scenario, back.config.domain]).toEqual(['skills', 'code']);
  });

  it('carry a finished text run in a results link, bits per character and all', () => {
    const config = applySettings(presetConfig('text-ignore'), { steps: 2, evalEvery: 2 }).config;
    const events: ExperimentEvent[] = [
      { type: 'baseline', eval: evalOf(0.2, 0.5), evalSize: 16, samples: [] },
      { type: 'eval', step: 2, eval: evalOf(0.4, 0.3), evalSize: 16, drift: { total: 1, byLayer: { wte: 1 } } },
      { type: 'done', summary: { taskGain: 0.2, forgetting: 0.2, taskAcc: 0.4, generalAcc: 0.29, taskTokenAcc: 0.4, generalTokenAcc: 0.29, steps: 2, msPerStep: 30, trainableParams: 10, taskBpc: 3 / Math.LN2, generalBpc: 2.5, realWords: 0.4 } },
    ];
    const shared = toSharedRun({ name: 'code', backend: 'wasm', config, events })!;
    const { config: back, events: again, errors } = fromSharedRun(shared);
    expect(errors).toEqual([]);
    expect(back).toEqual(config);
    const last = again.find((e) => e.type === 'eval')!;
    if (last.type !== 'eval') throw new Error('no evaluation');
    expect(last.eval.task.bpc).toBeCloseTo(3 / Math.LN2, 4);
    expect(last.eval.general.news.bpc).toBeCloseTo(1.7 / Math.LN2, 4);
    expect(again.at(-1)).toEqual(events.at(-1));
  });
});
