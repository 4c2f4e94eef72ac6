import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { applySettings, flattenConfig } from '../engine/config/keys';
import { defaultConfig, type ExperimentConfig } from '../engine/config/schema';
import type { RunSummary } from '../engine/experiment/events';
import { BUILTIN_CHALLENGES } from './builtinChallenges';
import { checkRun, ruleBreaks } from './challengeCheck';
import { decodeLink, encodeLink } from './link';

/** The report's real runs (`npm run lab -- report`): each config on ten seeds, 150 steps, wasm. */
interface Report {
  setup: { steps: number; batchSize: number; task: string; evalEvery: number };
  runs: Array<{ label: string; settings: Record<string, unknown>; perSeed: Record<string, { summary: RunSummary }> }>;
}
const report = JSON.parse(readFileSync(new URL('../../docs/report-skills.json', import.meta.url), 'utf8')) as Report;

const measured = report.runs.map((r) => {
  const { setup } = report;
  const { config, errors } = applySettings(defaultConfig(), { steps: setup.steps, batchSize: setup.batchSize, task: setup.task, evalEvery: setup.evalEvery, ...r.settings });
  expect(errors).toEqual([]);
  return { label: r.label, config, seeds: Object.entries(r.perSeed).map(([seed, s]) => ({ config: { ...config, seed: Number(seed) }, summary: s.summary })) };
});

const sameSettings = (a: ExperimentConfig, b: ExperimentConfig) => {
  const fa = flattenConfig({ ...a, seed: 0, evalEvery: 0 });
  const fb = flattenConfig({ ...b, seed: 0, evalEvery: 0 });
  return JSON.stringify(fa) === JSON.stringify(fb);
};

describe('built-in challenges', () => {
  it('travel in links unchanged', () => {
    for (const { challenge, config } of BUILTIN_CHALLENGES) {
      const back = decodeLink(encodeLink(config, { preset: challenge.preset, challenge }).query);
      expect(back.challengeErrors).toEqual([]);
      expect(back.errors).toEqual([]);
      expect(back.challenge).toEqual(challenge);
      expect(back.config).toEqual(config);
    }
  });

  for (const { id, challenge, config } of BUILTIN_CHALLENGES) {
    it(`'${id}' is not met from where it starts, and is met by a measured config within its rules on most seeds`, () => {
      const start = measured.find((m) => sameSettings(m.config, config));
      expect(start, `the report measures the starting point of '${id}'`).toBeDefined();
      expect(start!.seeds.filter((s) => checkRun(challenge, s).met)).toEqual([]);

      const allowed = measured.filter((m) => ruleBreaks(challenge, m.config).length === 0);
      const seedsMet = allowed.map((m) => ({ label: m.label, met: m.seeds.filter((s) => checkRun(challenge, s).met).length, of: m.seeds.length }));
      const best = seedsMet.reduce((a, b) => (b.met > a.met ? b : a));
      expect(best.met / best.of, `best measured answer to '${id}': ${best.label}`).toBeGreaterThanOrEqual(0.7);
    });
  }
});
