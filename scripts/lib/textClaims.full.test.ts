/**
 * The text scenario's claims, reduced: the text report's plan
 * (textReportPlan.ts: its runs and its claims) continually pre-training for
 * 60 steps instead of 200, on 2 seeds instead of 6, scored on 8 held-out
 * windows per source instead of 16, must give the committed report's verdicts
 * (docs/report-text.json: every claim holds). Runs are deterministic on wasm,
 * so a failure here is a regression in the engine or the scenario, not noise.
 * In the full suite (`npm run test:all`): its 24 runs take a few minutes.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { judge, type ResultTable } from './claims';
import { runPlan } from './planRunner';
import { REPO_ROOT } from './repoRoot';
import { holdsAt, readReport, type Report } from './reportFile';
import { reportPlanFor, reportRuns, resultTable } from './reportPlan';

const SEEDS = [1, 2];
const STEPS = 60;
const EVAL_SIZE = 8;
const plan = reportPlanFor('text');
// The runs the claims judge (the plan's others are only shown in the report).
const runs = reportRuns(plan, SEEDS, { steps: STEPS, labels: plan.claims.flatMap((c) => c.labels) });

let report: Report;
let table: ResultTable = {};

beforeAll(async () => {
  report = await readReport(join(REPO_ROOT, 'docs/report-text.json'));
  const outcomes = await runPlan(runs.map((r) => r.config), { backend: 'wasm', evalSize: EVAL_SIZE });
  expect(outcomes.flatMap((o) => (o.error ? [o.error] : []))).toEqual([]);
  table = resultTable(runs, outcomes.map((o) => o.measured));
}, 1_200_000);

describe('the text scenario’s claims, reduced: the report’s verdicts', () => {
  for (const claim of plan.claims) {
    it(claim.text, () => {
      const committed = report.claims.find((c) => c.id === claim.id)?.perSeed;
      expect(committed, 'docs/report-text.json judges this claim (make the report again)').toBeDefined();
      const holds = committed!.filter((s) => s.held).length >= holdsAt(committed!.length);
      const [result] = judge(table, SEEDS, [claim]);
      expect(result.perSeed).toHaveLength(SEEDS.length);
      for (const s of result.perSeed) expect(s.held, `seed ${s.seed}: ${s.detail}`).toBe(holds);
    });
  }
});
