/**
 * The science, reduced (the quick tier, `npm test`): the skills report's plan
 * (reportPlan.ts: its runs and its claims) at 60 steps instead of 150, on the
 * first seed instead of 10, must give the committed report's verdicts
 * (docs/report-skills.json): a claim that holds there holds here, and the one
 * that fails there (letters does not forget more than rotate: it forgets less)
 * fails here. Runs are deterministic on wasm, so a failure here is a
 * regression in the engine or the scenario, not noise. One seed keeps
 * `npm test` quick; the full tier leaves this file out for claims.seed*.full.test.ts,
 * which re-run two seeds at full length and want the committed numbers.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { judge, type ResultTable } from './claims';
import { runPlan } from './planRunner';
import { REPO_ROOT } from './repoRoot';
import { holdsAt, readReport, type Report } from './reportFile';
import { reportPlanFor, reportRuns, resultTable } from './reportPlan';

const SEEDS = [1];
const STEPS = 60;
const plan = reportPlanFor('skills');
// The runs the claims judge (the plan's others are only shown in the report).
const runs = reportRuns(plan, SEEDS, { steps: STEPS, labels: plan.claims.flatMap((c) => c.labels) });

let report: Report;
let table: ResultTable = {};

beforeAll(async () => {
  report = await readReport(join(REPO_ROOT, 'docs/report-skills.json'));
  // Two processes: alone this file finishes sooner; in the whole suite (where it starts first, vitest.config.ts) the other files fill in around it.
  const outcomes = await runPlan(runs.map((r) => r.config), { backend: 'wasm', workers: 2 });
  expect(outcomes.flatMap((o) => (o.error ? [o.error] : []))).toEqual([]);
  table = resultTable(runs, outcomes.map((o) => o.measured));
}, 900_000);

describe('the claims of the literature, reduced: the report’s verdicts', () => {
  for (const claim of plan.claims) {
    it(claim.text, () => {
      const committed = report.claims.find((c) => c.id === claim.id)?.perSeed;
      expect(committed, 'docs/report-skills.json judges this claim (make the report again)').toBeDefined();
      const holds = committed!.filter((s) => s.held).length >= holdsAt(committed!.length);
      const [result] = judge(table, SEEDS, [claim]);
      expect(result.perSeed).toHaveLength(SEEDS.length);
      for (const s of result.perSeed) expect(s.held, `seed ${s.seed}: ${s.detail}`).toBe(holds);
    });
  }
});
