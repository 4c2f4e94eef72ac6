/**
 * The lab's report as data (docs/report-*.json, written by `npm run lab --
 * report --out`) and as the Markdown the README shows (`--markdown`,
 * `--write-readme`). The README's tables and verdicts are rendered from the
 * committed JSON, and the claims are judged again from its measurements, so
 * a test can hold the README, the JSON and the claim logic to each other.
 */
import { SCENARIOS, type ScenarioName } from '../../src/engine/scenarios/names';
import { describeScenario } from '../../src/engine/scenarios/registry';
import { readFile, writeFile } from 'node:fs/promises';
import { z } from 'zod';
import { summarySchema } from '../../src/engine/experiment/eventSchema';
import { judge, type ClaimResult, type ClaimSpec, type Measured, type ResultTable } from './claims';
import { streamTableLines } from './streamReportTable';

const measuredSchema = z.object({
  summary: summarySchema,
  taskCurve: z.array(z.number()),
  generalCurve: z.array(z.number()),
  generalLoss: z.object({ base: z.number(), end: z.number() }).optional(),
});

const claimSchema = z.object({
  id: z.string(),
  text: z.string(),
  perSeed: z.array(z.object({ seed: z.number().int(), held: z.boolean(), detail: z.string() })),
});

const reportSchema = z.object({
  format: z.literal('forgetting-lab-report/1'),
  scenario: z.string(),
  /** A report that is not its scenario's own (stream: a stream of the skills tasks); its README section and plan go by this name. */
  plan: z.string().optional(),
  seeds: z.array(z.number().int()),
  /** What every run shares: steps, evaluation schedule, backend. */
  setup: z.record(z.string(), z.union([z.string(), z.number()])),
  made: z.object({ date: z.string(), minutes: z.number(), machine: z.string() }),
  runs: z.array(z.object({ label: z.string(), settings: z.record(z.string(), z.unknown()), perSeed: z.record(z.string(), measuredSchema) })),
  claims: z.array(claimSchema),
  /**
   * Set on one shard of a report (`--shard i/n`): a slice of its runs, claims not judged until the shards are merged.
   * `labels` names every run of the whole plan, so a merge can name a run that no shard given holds.
   */
  shard: z.object({ index: z.number().int().min(1), count: z.number().int().min(1), labels: z.array(z.string()) }).optional(),
});

export type Report = z.infer<typeof reportSchema>;

/** The report's name: its plan's where it has one, else its scenario's (README markers, docs/report-NAME.json). */
export const reportName = (report: Pick<Report, 'scenario' | 'plan'>) => report.plan ?? report.scenario;

function tableOf(report: Report): ResultTable {
  const table: ResultTable = {};
  for (const run of report.runs) {
    table[run.label] = {};
    for (const [seed, m] of Object.entries(run.perSeed)) table[run.label][Number(seed)] = m as Measured;
  }
  return table;
}

/** The claims judged again from the report's own measurements. */
export function rejudge(report: Report, claims: ClaimSpec[]): ClaimResult[] {
  return judge(tableOf(report), report.seeds, claims.filter((c) => c.labels.every((l) => report.runs.some((r) => r.label === l))));
}

export async function readReport(path: string): Promise<Report> {
  const parsed = reportSchema.safeParse(JSON.parse(await readFile(path, 'utf8')));
  if (!parsed.success) throw new Error(`${path} is not a report this lab reads (${parsed.error.issues[0].path.join('.')}: ${parsed.error.issues[0].message})`);
  return parsed.data;
}

/**
 * Reports of one scenario and setup made on different seeds, or shards of one
 * plan (`--shard i/n`), made in several processes or machines, as one: every
 * run's seeds side by side, the runs in the plan's order, the claims judged
 * again over all of them. Refuses reports that do not share a setup, a run
 * and seed measured twice, and a merge that leaves a run of some seed out
 * (naming what is missing: a shard not given, most likely).
 */
export function mergeReports(reports: Report[], claims: ClaimSpec[], labelOrder: readonly string[] = []): Report {
  const [first, ...rest] = reports;
  for (const r of rest) {
    if (reportName(r) !== reportName(first) || JSON.stringify(r.setup) !== JSON.stringify(first.setup)) {
      throw new Error(`cannot merge reports of different setups: ${JSON.stringify({ scenario: first.scenario, ...first.setup })} vs ${JSON.stringify({ scenario: r.scenario, ...r.setup })}`);
    }
  }
  const seeds = [...new Set(reports.flatMap((r) => r.seeds))].sort((a, b) => a - b);
  const rank = (label: string) => (labelOrder.includes(label) ? labelOrder.indexOf(label) : labelOrder.length);
  const labels = [...new Set(reports.flatMap((r) => [...r.runs.map((run) => run.label), ...(r.shard?.labels ?? [])]))].sort((a, b) => rank(a) - rank(b));
  const missing: string[] = [];
  const runs = labels.map((label) => {
    const parts = reports.map((r) => r.runs.find((run) => run.label === label)).filter((run) => run !== undefined);
    if (!parts.length) {
      missing.push(...seeds.map((seed) => `'${label}' seed ${seed}`));
      return null;
    }
    const perSeed: Report['runs'][number]['perSeed'] = {};
    for (const part of parts) {
      for (const [seed, measured] of Object.entries(part.perSeed)) {
        if (perSeed[seed]) throw new Error(`'${label}' seed ${seed} is in more than one report`);
        perSeed[seed] = measured;
      }
    }
    missing.push(...seeds.filter((seed) => !perSeed[seed]).map((seed) => `'${label}' seed ${seed}`));
    return { label, settings: parts[0].settings, perSeed: Object.fromEntries(seeds.filter((seed) => perSeed[seed]).map((seed) => [seed, perSeed[seed]])) };
  });
  if (missing.length) {
    const shards = reports.flatMap((r) => (r.shard ? [`${r.shard.index}/${r.shard.count}`] : []));
    throw new Error(
      `the merged reports leave out ${missing.length} run(s): ${missing.slice(0, 4).join(', ')}${missing.length > 4 ? ', …' : ''}` +
        (shards.length ? ` (shards given: ${shards.join(', ')} of ${reports.find((r) => r.shard)!.shard!.count})` : ''),
    );
  }
  const { shard: _, ...whole } = first;
  const merged: Report = {
    ...whole,
    seeds,
    made: { date: reports.map((r) => r.made.date).sort().at(-1)!, minutes: Math.round(10 * reports.reduce((t, r) => t + r.made.minutes, 0)) / 10, machine: first.made.machine },
    runs: runs.filter((run) => run !== null),
    claims: [],
  };
  return { ...merged, claims: rejudge(merged, claims) };
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const sd = (xs: number[]) => {
  const m = mean(xs);
  return Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / Math.max(xs.length - 1, 1));
};
const pts = (xs: number[]) => `${(100 * mean(xs)).toFixed(1)} ± ${(100 * sd(xs)).toFixed(1)}`;

/** How many of the seeds a claim must hold in to be called holding: 9 of 10, 4 of 5. */
export const holdsAt = (seeds: number) => Math.ceil(0.8 * seeds);

const num = (xs: number[], digits = 2) => `${mean(xs).toFixed(digits)} ± ${sd(xs).toFixed(digits)}`;

/** The table's rows: skills show general per-token accuracy; text (points of next-character accuracy) shows bits per character and real words instead. */
function tableLines(report: Report): string[] {
  if (report.plan === 'stream') return streamTableLines(report);
  if (!(SCENARIOS as readonly string[]).includes(report.scenario) || !describeScenario(report.scenario as ScenarioName).metrics.bitsPerCharacter) {
    return [
      `| config | task gain | forgetting | general per-token acc. (%) |`,
      `|---|---|---|---|`,
      ...report.runs.map((run) => {
        const ms = Object.values(run.perSeed);
        return `| ${run.label} | ${pts(ms.map((m) => m.summary.taskGain))} | ${pts(ms.map((m) => m.summary.forgetting))} | ${pts(ms.map((m) => m.summary.generalTokenAcc))} |`;
      }),
    ];
  }
  return [
    `| config | domain gain | forgetting | domain BPC | general BPC | real words (%) |`,
    `|---|---|---|---|---|---|`,
    ...report.runs.map((run) => {
      const ms = Object.values(run.perSeed).map((m) => m.summary);
      return `| ${run.label} | ${pts(ms.map((m) => m.taskGain))} | ${pts(ms.map((m) => m.forgetting))} | ${num(ms.map((m) => m.taskBpc ?? NaN))} | ${num(ms.map((m) => m.generalBpc ?? NaN))} | ${pts(ms.map((m) => m.realWords ?? NaN))} |`;
    }),
  ];
}

/** The README section: the table (mean ± sd over seeds, points) and the claims with k of n. */
export function reportMarkdown(report: Report): string {
  const n = report.seeds.length;
  const lines = [
    ...tableLines(report),
    '',
    `Which claims of the literature held, in how many of the ${n} seeds (a claim "holds" at ${holdsAt(n)} of ${n}):`,
    '',
    ...report.claims.map((c) => {
      const held = c.perSeed.filter((s) => s.held).length;
      const verdict = held >= holdsAt(c.perSeed.length) ? 'holds' : held === 0 ? 'fails' : 'mixed';
      return `- **${verdict}** (${held}/${c.perSeed.length}): ${c.text}`;
    }),
  ];
  return lines.join('\n');
}

const START = (scenario: string) => `<!-- report:${scenario}:start (generated by \`npm run lab -- report --write-readme\`; do not edit) -->`;
const END = (scenario: string) => `<!-- report:${scenario}:end -->`;

/** The README's generated section for a scenario, or null if it has none. */
export function readmeSection(readme: string, scenario: string): string | null {
  const start = readme.indexOf(START(scenario));
  const end = readme.indexOf(END(scenario));
  if (start < 0 || end < start) return null;
  return readme.slice(start + START(scenario).length, end).trim();
}

export async function writeReadmeSection(readmePath: string, report: Report): Promise<void> {
  const readme = await readFile(readmePath, 'utf8');
  const name = reportName(report);
  const start = readme.indexOf(START(name));
  const end = readme.indexOf(END(name));
  if (start < 0 || end < start) throw new Error(`${readmePath} has no ${START(name)} … ${END(name)} markers`);
  await writeFile(readmePath, `${readme.slice(0, start)}${START(name)}\n${reportMarkdown(report)}\n${readme.slice(end)}`);
}
