/**
 * `lab report`: the lab's own evidence. Runs the report plan (presets and
 * sweeps) over seeds, prints task gain and forgetting (mean ± sd) per config
 * and which claims of the literature held in how many seeds.
 *
 *   npm run lab -- report [--scenario skills|text | --plan stream] [--seeds 10] [--seed-base 1] [--steps N] [--only LABELS] [--workers N] [--out FILE.json] [--json]
 *   npm run lab -- report --from docs/report-skills.json --markdown      render a saved report
 *   npm run lab -- report --from docs/report-skills.json --write-readme  put it in README.md
 *   npm run lab -- report --from a.json --from b.json --out ab.json     merge reports made on other seeds
 *   npm run lab -- report --shard 2/4 --out part2.json                    one slice of the plan (then merge the shards with --from)
 *   npm run lab -- report --shard 2/4 --dry-run                           the runs that slice holds, one per line, nothing run
 *   npm run lab -- report --scenario text --domain-file my.txt            the text report on a text of one's own (not the near run)
 *
 * The runs go through the plan runner (scripts/lib/planRunner.ts): one after
 * another in this process, or with `--workers N` in N child processes. The
 * numbers are the same either way (runs are deterministic on wasm); only the
 * wall times (`msPerStep`, `made.minutes`) differ.
 */
import { cpus } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { writeFile } from 'node:fs/promises';
import { SCENARIOS, type ScenarioName } from '../../src/engine/scenarios/names';
import { judge } from '../lib/claims';
import { runPlan } from '../lib/planRunner';
import { REPO_ROOT } from '../lib/repoRoot';
import { holdsAt, mergeReports, readReport, reportMarkdown, reportName, writeReadmeSection, type Report } from '../lib/reportFile';
import { isReportName, REPORT_NAMES, reportPlanFor, reportRuns, resultTable } from '../lib/reportPlan';
import { totalSteps } from '../../src/engine/stream/stream';
import { parseShard, shardOf } from '../lib/shard';
import { describeChanges, type CustomText } from '../../src/engine/scenarios/text/customText';

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
      plan: { type: 'string' },
      seeds: { type: 'string', default: '10' },
      'seed-base': { type: 'string', default: '1' },
      steps: { type: 'string' },
      json: { type: 'boolean', default: false },
      out: { type: 'string' },
      only: { type: 'string' },
      workers: { type: 'string', default: '1' },
      shard: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      from: { type: 'string', multiple: true },
      markdown: { type: 'boolean', default: false },
      'write-readme': { type: 'boolean', default: false },
      'domain-file': { type: 'string' },
    },
    strict: true,
  });
  if (values.from?.length && values['domain-file'] !== undefined) throw new Error('--domain-file is for measuring a report; --from reads reports made already (they name their text by sha256)');
  // A text of one's own: read and checked before anything runs, as `lab run --domain-file` does.
  const ownText = values['domain-file'] === undefined ? undefined : await readOwnText(values['domain-file']);
  if (values['dry-run']) {
    const { runs, whole, shard } = plannedRuns(values, ownText?.text);
    process.stderr.write(`report: ${runs.length} of ${whole.length} runs${shard ? ` (shard ${shard.index}/${shard.count})` : ''}, nothing run (--dry-run)\n`);
    process.stdout.write(runs.map((r) => `seed ${r.seed}\t${r.label}`).join('\n') + '\n');
    return 0;
  }
  const report = values.from?.length ? await readReports(values.from) : await measureReport(values, ownText);
  if (values.out) await writeFile(values.out, JSON.stringify(report, null, 1) + '\n');
  if (values['write-readme']) {
    if (ownTextOf(report)) throw new Error(`this report trained on a text of your own (${report.setup.domainName}): the README shows the shipped domains' evidence`);
    if (report.shard) throw new Error(`this is shard ${report.shard.index}/${report.shard.count} of a report: merge the shards with --from first`);
    await writeReadmeSection(join(REPO_ROOT, 'README.md'), report);
    process.stderr.write(`README.md: the ${reportName(report)} report's section rewritten\n`);
  }
  if (values.json) process.stdout.write(JSON.stringify(report) + '\n');
  else if (values.markdown) process.stdout.write(reportMarkdown(report) + '\n');
  else process.stdout.write(plainText(report) + '\n');
  return 0;
}

interface MeasureOptions {
  scenario?: string;
  plan?: string;
  seeds?: string;
  'seed-base'?: string;
  steps?: string;
  only?: string;
  workers?: string;
  shard?: string;
}

/** `--domain-file PATH`, read and checked, said on stderr; its module (and tfjs with it) loads only when the option is given. */
async function readOwnText(path: string): Promise<{ path: string; text: CustomText }> {
  const text = await (await import('../lib/domainFile')).readDomainFile(path);
  process.stderr.write(`${text.name}: ${describeChanges(text.changes)}\n`);
  return { path, text };
}

/** The text of one's own a report trained on, as its setup names it. */
function ownTextOf(report: Report): { sha256: string; name: string } | undefined {
  const { domainHash, domainName } = report.setup;
  return typeof domainHash === 'string' && domainHash ? { sha256: domainHash, name: String(domainName ?? '') } : undefined;
}

/** The report's runs (all of them, or a shard's slice), checked, before anything runs. */
function plannedRuns(values: MeasureOptions, ownText?: CustomText) {
  if (values.plan === undefined && !SCENARIOS.includes(values.scenario as ScenarioName)) throw new Error(`--scenario takes ${SCENARIOS.join(' or ')}, not '${values.scenario}'`);
  const name = values.plan ?? values.scenario!;
  if (!isReportName(name)) throw new Error(`--plan takes ${REPORT_NAMES.join(', ')}, not '${name}'`);
  const plan = reportPlanFor(name, ownText);
  const scenario = plan.scenario;
  const nSeeds = wholeNumber(values.seeds, 'seeds', 1);
  const seedBase = wholeNumber(values['seed-base'], 'seed-base', 0);
  const steps = values.steps ? wholeNumber(values.steps, 'steps', 1) : undefined;
  const seeds = Array.from({ length: nSeeds }, (_, i) => seedBase + i);
  const labels = values.only?.split(',');
  const shard = values.shard === undefined ? undefined : parseShard(values.shard);
  const whole = reportRuns(plan, seeds, { steps, labels });
  if (!whole.length) throw new Error(`--only names no run of the ${scenario} report: '${values.only}'`);
  const runs = shard ? shardOf(whole, shard).map((s) => s.item) : whole;
  return { name, scenario, plan, seeds, labels, shard, whole, runs };
}

async function measureReport(values: MeasureOptions, ownText?: { path: string; text: CustomText }): Promise<Report> {
  const { name, scenario, plan, seeds, labels, shard, whole, runs } = plannedRuns(values, ownText?.text);
  const workers = wholeNumber(values.workers, 'workers', 1);
  const started = Date.now();
  let done = 0;
  process.stderr.write(`report: ${runs.length} runs${shard ? ` (shard ${shard.index}/${shard.count} of ${whole.length})` : ''} on ${Math.min(workers, runs.length)} worker(s)\n`);
  const outcomes = await runPlan(
    runs.map((r) => r.config),
    {
      workers,
      ...(ownText ? { domainFile: ownText } : {}),
      onOutcome: (index, outcome) => {
        done += 1;
        const { label, seed } = runs[index];
        const s = outcome.measured?.summary;
        const what = s ? `gain ${(100 * s.taskGain).toFixed(1)}, forgetting ${(100 * s.forgetting).toFixed(1)}` : `failed: ${outcome.error}`;
        process.stderr.write(`[${done}/${runs.length}] seed ${seed} ${label}: ${what} (${((Date.now() - started) / 1000).toFixed(0)} s)\n`);
      },
    },
  );
  const table = resultTable(runs, outcomes.map((o) => o.measured));
  const example = runs[0].config;
  const planned = plan.runs.filter((r) => !labels || labels.includes(r.label));
  return {
    format: 'forgetting-lab-report/1',
    scenario,
    // A report that is not its scenario's own names its plan (its README section, its claims).
    ...(name !== scenario ? { plan: name } : {}),
    seeds,
    setup: {
      steps: totalSteps(example),
      batchSize: example.batchSize,
      ...plan.setupOf(example),
      evalEvery: example.evalEvery,
      evalSize: plan.evalSize,
      backend: outcomes.find((o) => o.backend)?.backend ?? 'none',
    },
    made: { date: new Date().toISOString().slice(0, 10), minutes: Math.round((Date.now() - started) / 6000) / 10, machine: `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}` },
    runs: planned.filter((r) => !shard || table[r.label]).map((r) => ({ label: r.label, settings: r.settings, perSeed: table[r.label] ?? {} })),
    // A shard holds a slice of the runs: its claims are judged when the shards are merged.
    claims: shard ? [] : judge(table, seeds, plan.claims.filter((c) => c.labels.every((l) => table[l]))),
    ...(shard ? { shard: { ...shard, labels: planned.map((r) => r.label) } } : {}),
  };
}

/** One saved report, or several made on other seeds or shards merged into one (the claims judged again over all seeds). */
async function readReports(paths: string[]): Promise<Report> {
  const reports = await Promise.all(paths.map(readReport));
  if (reports.length === 1) return reports[0];
  const name = reportName(reports[0]);
  if (!isReportName(name)) throw new Error(`${paths[0]}: unknown report '${name}'`);
  const plan = reportPlanFor(name, ownTextOf(reports[0]));
  return mergeReports(reports, plan.claims, plan.runs.map((r) => r.label));
}

function plainText(report: Report): string {
  const out = [`Forgetting Lab report: ${report.seeds.length} seed(s) from ${report.seeds[0]}, ${JSON.stringify(report.setup)}, ${report.made.minutes} min`, ''];
  if (report.shard) out.push(`Shard ${report.shard.index}/${report.shard.count}: a slice of the runs, claims not judged. Merge the shards: report --from part1.json --from part2.json …`, '');
  out.push(reportMarkdown(report));
  out.push('', 'Per seed:');
  for (const c of report.claims) {
    const held = c.perSeed.filter((s) => s.held).length;
    out.push(`${held >= holdsAt(c.perSeed.length) ? 'HOLDS' : 'FAILS'} ${held}/${c.perSeed.length}  ${c.text}`);
    for (const s of c.perSeed) out.push(`         seed ${s.seed}: ${s.held ? 'yes' : 'no '}  ${s.detail}`);
  }
  return out.join('\n');
}
