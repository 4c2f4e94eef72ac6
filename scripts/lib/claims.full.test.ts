/**
 * The full claims check (npm run test:all): the report plan re-run at full
 * length for the first two seeds of the committed report must give exactly the
 * committed numbers and verdicts. Runs are deterministic on wasm, so any
 * change to the engine or the scenario that moves the science shows up here,
 * and the report (and the README) must be made again.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { useBackend } from '../../src/engine/backend/backends';
import { applySettings } from '../../src/engine/config/keys';
import { presetConfig } from '../../src/engine/config/presets';
import { defaultConfig } from '../../src/engine/config/schema';
import { readCheckpoint, REPO_ROOT } from './checkpointFiles';
import { judge, measure, type ResultTable } from './claims';
import { readReport, type Report } from './reportFile';
import { REPORT_CLAIMS, REPORT_EVALUATION, REPORT_RUNS } from './reportPlan';
import { runOnce } from './runOnce';

const SEEDS = 2;
let report: Report;
const table: ResultTable = {};

beforeAll(async () => {
  report = await readReport(join(REPO_ROOT, 'docs/report-skills.json'));
  await useBackend('wasm');
  const base = await readCheckpoint();
  for (const seed of report.seeds.slice(0, SEEDS)) {
    for (const run of REPORT_RUNS) {
      const start = run.preset ? presetConfig(run.preset) : defaultConfig();
      const { config, errors } = applySettings(start, { ...REPORT_EVALUATION, ...run.settings, seed });
      expect(errors).toEqual([]);
      const m = measure((await runOnce(config, 'wasm', { base })).events);
      if (m) (table[run.label] ??= {})[seed] = m;
    }
  }
}, 1_800_000);

describe('the report, re-run', () => {
  it('gives the committed task gain and forgetting for every config and seed', () => {
    for (const run of report.runs) {
      for (const seed of report.seeds.slice(0, SEEDS)) {
        const committed = run.perSeed[seed].summary;
        const now = table[run.label]?.[seed]?.summary;
        expect(now, `${run.label}, seed ${seed}`).toBeDefined();
        expect([now!.taskGain, now!.forgetting], `${run.label}, seed ${seed}`).toEqual([committed.taskGain, committed.forgetting]);
      }
    }
  });

  it('gives the committed verdicts', () => {
    const seeds = report.seeds.slice(0, SEEDS);
    const again = judge(table, seeds, REPORT_CLAIMS);
    for (const claim of again) {
      const committed = report.claims.find((c) => c.id === claim.id)!;
      expect(claim.perSeed, claim.text).toEqual(committed.perSeed.filter((s) => seeds.includes(s.seed)));
    }
  });
});
