/**
 * The stream report, re-run in part (full tier, npm run test:all): the runs
 * behind the claims on sequential fine-tuning, replay, per-task adapters and
 * online vs base-anchored EWC (λ 100), on the committed report's first seed at full
 * length, must give exactly the committed stream summaries (matrix, BWT,
 * forgetting) and so the committed verdicts of every claim they decide. Runs
 * are deterministic on wasm: a change to the engine that moves the stream's
 * science shows up here, and docs/report-stream.json (and the README) must be
 * made again. The other runs (mixing, shared LoRA, L2-SP, EWC at λ 1 and
 * 10000) are left out to keep this under a minute.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { judge, type ResultTable } from './claims';
import { runPlan } from './planRunner';
import { REPO_ROOT } from './repoRoot';
import { readReport, type Report } from './reportFile';
import { reportPlanFor, reportRuns, resultTable } from './reportPlan';

const LABELS = ['sequential', 'replay 0.25', 'lora per task', 'ewc 100 @base', 'ewc 100 online'];
const plan = reportPlanFor('stream');
const claims = plan.claims.filter((c) => c.labels.every((l) => LABELS.includes(l)));
let report: Report;
let seed: number;
let table: ResultTable = {};

beforeAll(async () => {
  report = await readReport(join(REPO_ROOT, 'docs/report-stream.json'));
  seed = report.seeds[0];
  const runs = reportRuns(plan, [seed], { labels: LABELS });
  const outcomes = await runPlan(runs.map((r) => r.config), { backend: 'wasm', workers: 2 });
  expect(outcomes.flatMap((o) => (o.error ? [o.error] : []))).toEqual([]);
  table = resultTable(runs, outcomes.map((o) => o.measured));
}, 600_000);

describe('the stream report, re-run', () => {
  it('gives the committed stream summary for every run re-made', () => {
    for (const label of LABELS) {
      const committed = report.runs.find((r) => r.label === label)?.perSeed[seed]?.summary;
      expect(committed, `${label}: docs/report-stream.json holds it`).toBeDefined();
      expect(table[label]?.[seed]?.summary.stream, label).toEqual(committed!.stream);
    }
  });

  it('gives the committed verdicts of the claims those runs decide', () => {
    expect(claims.length).toBeGreaterThanOrEqual(4);
    for (const claim of judge(table, [seed], claims)) {
      const committed = report.claims.find((c) => c.id === claim.id);
      expect(committed, claim.text).toBeDefined();
      expect(claim.perSeed, claim.text).toEqual(committed!.perSeed.filter((s) => s.seed === seed));
    }
  });
});
