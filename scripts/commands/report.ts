/**
 * `lab report`: the lab's own evidence. Runs the report plan (presets and
 * sweeps) over seeds, prints task gain and forgetting (mean ± sd) per config
 * and which claims of the literature held in how many seeds.
 *
 *   npm run lab -- report [--scenario skills|text] [--seeds 10] [--seed-base 1] [--steps N] [--only LABELS] [--out FILE.json] [--json]
 *   npm run lab -- report --from docs/report-skills.json --markdown      render a saved report
 *   npm run lab -- report --from docs/report-skills.json --write-readme  put it in README.md
 *   npm run lab -- report --from a.json --from b.json --out ab.json     merge reports made on other seeds
 */
import { cpus } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { writeFile } from 'node:fs/promises';
import { applySettings, formatErrors } from '../../src/engine/config/keys';
import { presetConfig } from '../../src/engine/config/presets';
import { defaultConfig, type ExperimentConfig } from '../../src/engine/config/schema';
import { SCENARIOS, type ScenarioName } from '../../src/engine/scenarios/names';
import { judge, measure, type ResultTable } from '../lib/claims';
import { REPO_ROOT } from '../lib/checkpointFiles';
import { startNodeBackend } from '../lib/nodeBackend';
import { holdsAt, mergeReports, readReport, reportMarkdown, writeReadmeSection, type Report } from '../lib/reportFile';
import { reportPlanFor, type PlannedRun, type ReportPlan } from '../lib/reportPlan';
import { runOnce } from '../lib/runOnce';
import { readScenarioAssets } from '../lib/scenarioAssets';

function planConfig(plan: ReportPlan, run: PlannedRun, seed: number, steps?: number): ExperimentConfig {
  const start = run.preset ? presetConfig(run.preset) : defaultConfig();
  const { config, errors } = applySettings(start, { ...plan.evaluation, ...run.settings, seed, ...(steps ? { steps } : {}) });
  if (errors.length) throw new Error(`report config '${run.label}' is invalid: ${formatErrors(errors)}`);
  return config;
}

const wholeNumber = (text: string | undefined, name: string, min: number) => {
  const n = Number(text);
  if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be a whole number ≥ ${min}, not '${text}'`);
  return n;
};

export async function reportCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      scenario: { type: 'string', default: 'skills' },
      seeds: { type: 'string', default: '10' },
      'seed-base': { type: 'string', default: '1' },
      steps: { type: 'string' },
      json: { type: 'boolean', default: false },
      out: { type: 'string' },
      only: { type: 'string' },
      from: { type: 'string', multiple: true },
      markdown: { type: 'boolean', default: false },
      'write-readme': { type: 'boolean', default: false },
    },
    strict: true,
  });
  const report = values.from?.length ? await readReports(values.from) : await measureReport(values);
  if (values.out) await writeFile(values.out, JSON.stringify(report, null, 1) + '\n');
  if (values['write-readme']) {
    await writeReadmeSection(join(REPO_ROOT, 'README.md'), report);
    process.stderr.write(`README.md: the ${report.scenario} report's section rewritten\n`);
  }
  if (values.json) process.stdout.write(JSON.stringify(report) + '\n');
  else if (values.markdown) process.stdout.write(reportMarkdown(report) + '\n');
  else process.stdout.write(plainText(report) + '\n');
  return 0;
}

async function measureReport(values: { scenario?: string; seeds?: string; 'seed-base'?: string; steps?: string; only?: string }): Promise<Report> {
  const scenario = values.scenario as ScenarioName;
  if (!SCENARIOS.includes(scenario)) throw new Error(`--scenario takes ${SCENARIOS.join(' or ')}, not '${values.scenario}'`);
  const plan = reportPlanFor(scenario);
  const nSeeds = wholeNumber(values.seeds, 'seeds', 1);
  const seedBase = wholeNumber(values['seed-base'], 'seed-base', 0);
  const steps = values.steps ? wholeNumber(values.steps, 'steps', 1) : undefined;
  const seeds = Array.from({ length: nSeeds }, (_, i) => seedBase + i);
  const runs = values.only ? plan.runs.filter((r) => values.only!.split(',').includes(r.label)) : plan.runs;
  const backend = await startNodeBackend('auto');
  const assets = await readScenarioAssets(scenario);
  const table: ResultTable = {};
  const started = Date.now();
  let done = 0;
  for (const seed of seeds) {
    for (const run of runs) {
      const result = await runOnce(planConfig(plan, run, seed, steps), backend, assets);
      done += 1;
      const m = measure(result.events);
      process.stderr.write(
        `[${done}/${seeds.length * runs.length}] seed ${seed} ${run.label}: ${m ? `gain ${(100 * m.summary.taskGain).toFixed(1)}, forgetting ${(100 * m.summary.forgetting).toFixed(1)}` : `failed: ${result.error}`} (${((Date.now() - started) / 1000).toFixed(0)} s)\n`,
      );
      if (m) (table[run.label] ??= {})[seed] = m;
    }
  }
  const example = planConfig(plan, runs[0], seeds[0], steps);
  return {
    format: 'forgetting-lab-report/1',
    scenario,
    seeds,
    setup: {
      steps: example.steps,
      batchSize: example.batchSize,
      ...(scenario === 'skills' ? { task: example.task } : { domain: example.domain }),
      evalEvery: example.evalEvery,
      evalSize: plan.evalSize,
      backend,
    },
    made: { date: new Date().toISOString().slice(0, 10), minutes: Math.round((Date.now() - started) / 6000) / 10, machine: `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}` },
    runs: runs.map((r) => ({ label: r.label, settings: r.settings, perSeed: table[r.label] ?? {} })),
    claims: judge(table, seeds, plan.claims.filter((c) => c.labels.every((l) => table[l]))),
  };
}

/** One saved report, or several made on other seeds merged into one (the claims judged again over all seeds). */
async function readReports(paths: string[]): Promise<Report> {
  const reports = await Promise.all(paths.map(readReport));
  if (reports.length === 1) return reports[0];
  const scenario = reports[0].scenario as ScenarioName;
  if (!SCENARIOS.includes(scenario)) throw new Error(`${paths[0]}: unknown scenario '${scenario}'`);
  return mergeReports(reports, reportPlanFor(scenario).claims);
}

function plainText(report: Report): string {
  const out = [`Forgetting Lab report: ${report.seeds.length} seed(s) from ${report.seeds[0]}, ${JSON.stringify(report.setup)}, ${report.made.minutes} min`, ''];
  out.push(reportMarkdown(report));
  out.push('', 'Per seed:');
  for (const c of report.claims) {
    const held = c.perSeed.filter((s) => s.held).length;
    out.push(`${held >= holdsAt(c.perSeed.length) ? 'HOLDS' : 'FAILS'} ${held}/${c.perSeed.length}  ${c.text}`);
    for (const s of c.perSeed) out.push(`         seed ${s.seed}: ${s.held ? 'yes' : 'no '}  ${s.detail}`);
  }
  return out.join('\n');
}
