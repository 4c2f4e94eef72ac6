/**
 * The full claims check (npm run test:all): the report plan re-run at full
 * length for the first two seeds of the committed report must give exactly the
 * committed numbers and verdicts. Runs are deterministic on wasm, so any
 * change to the engine or the scenario that moves the science shows up here,
 * and the report (and the README) must be made again.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { judge, type ResultTable } from './claims';
import { runPlan } from './planRunner';
import { REPO_ROOT } from './repoRoot';
import { readReport, type Report } from './reportFile';
import { reportPlanFor, reportRuns, resultTable } from './reportPlan';

const SEEDS = 2;
const plan = reportPlanFor('skills');
let report: Report;
let table: ResultTable = {};

beforeAll(async () => {
  report = await readReport(join(REPO_ROOT, 'docs/report-skills.json'));
  const runs = reportRuns(plan, report.seeds.slice(0, SEEDS));
  const outcomes = await runPlan(runs.map((r) => r.config), { backend: 'wasm' });
  table = resultTable(runs, outcomes.map((o) => o.measured));
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
    const again = judge(table, seeds, plan.claims);
    for (const claim of again) {
      const committed = report.claims.find((c) => c.id === claim.id)!;
      expect(claim.perSeed, claim.text).toEqual(committed.perSeed.filter((s) => seeds.includes(s.seed)));
    }
  });
});
