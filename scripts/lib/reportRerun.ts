/**
 * The full claims check (npm run test:all): the report plan re-run at full
 * length for one seed of the committed report must give exactly the committed
 * numbers and verdicts. Runs are deterministic on wasm, so any change to the
 * engine or the scenario that moves the science shows up here, and the report
 * (and the README) must be made again.
 *
 * One file per seed (claims.seed1.full.test.ts, claims.seed2.full.test.ts):
 * vitest runs files side by side, so two seeds take the time of one (about
 * 2.5 minutes each on CI) instead of 4.5 minutes in one file. A seed's numbers
 * and verdicts do not depend on the other seeds'.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { judge, type ResultTable } from './claims';
import { runPlan } from './planRunner';
import { REPO_ROOT } from './repoRoot';
import { readReport, type Report } from './reportFile';
import { reportPlanFor, reportRuns, resultTable } from './reportPlan';

/** Re-runs the skills report's plan for its `index`-th seed (0: the first) and expects the committed numbers and verdicts. */
export function rerunReportSeed(index: number): void {
  const plan = reportPlanFor('skills');
  let report: Report;
  let seed: number;
  let table: ResultTable = {};

  beforeAll(async () => {
    report = await readReport(join(REPO_ROOT, 'docs/report-skills.json'));
    expect(report.seeds.length, 'docs/report-skills.json has this seed').toBeGreaterThan(index);
    seed = report.seeds[index];
    const runs = reportRuns(plan, [seed]);
    const outcomes = await runPlan(runs.map((r) => r.config), { backend: 'wasm' });
    table = resultTable(runs, outcomes.map((o) => o.measured));
  }, 1_800_000);

  describe(`the report, re-run (its seed no. ${index + 1})`, () => {
    it('gives the committed task gain and forgetting for every config', () => {
      for (const run of report.runs) {
        const committed = run.perSeed[seed].summary;
        const now = table[run.label]?.[seed]?.summary;
        expect(now, `${run.label}, seed ${seed}`).toBeDefined();
        expect([now!.taskGain, now!.forgetting], `${run.label}, seed ${seed}`).toEqual([committed.taskGain, committed.forgetting]);
      }
    });

    it('gives the committed verdicts', () => {
      const again = judge(table, [seed], plan.claims);
      for (const claim of again) {
        const committed = report.claims.find((c) => c.id === claim.id)!;
        expect(claim.perSeed, claim.text).toEqual(committed.perSeed.filter((s) => s.seed === seed));
      }
    });
  });
}
