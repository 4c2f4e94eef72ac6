/**
 * `lab sweep`: one knob (or two) over several values and seeds, headless.
 *
 *   npm run lab -- sweep --set mix=0,0.25,0.5 [--set lr=1e-4,1e-3] [--set steps=50] [--preset NAME]
 *                        [--seeds 3] [--seed-base 1] [--workers N] [--shard i/n] [--domain-file PATH] [--json]
 *   npm run lab -- sweep --from part1.json --from part2.json [--json]    merge the shards of one sweep
 *
 * A `--set` with several values (comma-separated) is a swept key, at most two;
 * one value sets the base config. A list-valued key (lora.targets) takes its
 * alternatives separated by '|' and each list's items by ',':
 * `--set lora.targets=q,v|q,k,v,o|up,down`.
 *
 * Every value is checked before anything runs; a bad one exits non-zero by
 * key and value. The runs go through the plan runner (scripts/lib/planRunner.ts):
 * with `--workers N` to N child processes, each starting tfjs and the base
 * model once; with one worker in this process. Progress goes to stderr;
 * stdout carries the lever curve (a table, or JSON with --json). A run that
 * fails is reported and left out of the curve (its point's n is lower), and
 * the command then exits 1.
 *
 * `--domain-file PATH` trains every run on a text of one's own (domain=custom,
 * text scenario), read and checked before anything runs, exactly as `lab run
 * --domain-file` reads it: the same file and seed give the same numbers.
 *
 * `--shard i/n` runs one deterministic slice of the plan (scripts/lib/shard.ts)
 * and says so in its JSON; `--from` merges such files (scripts/lib/sweepFile.ts)
 * into the curve and grid the whole sweep gives, naming any run no file had.
 */
import { parseArgs } from 'node:util';
import { configFields } from '../../src/engine/config/fields';
import { formatErrors, type ConfigError } from '../../src/engine/config/keys';
import { settingText } from '../../src/engine/config/naming';
import type { ExperimentConfig } from '../../src/engine/config/schema';
import type { RunSummary } from '../../src/engine/experiment/events';
import { leverCurve, leverGrid, type LeverGrid, type LeverMetric, type LeverPoint, type SweepResult } from '../../src/engine/sweep/aggregate';
import { expandSweep, type SweepAxis, type SweepRun } from '../../src/engine/sweep/sweep';
import { parseBackendOption } from '../lib/backendOption';
import { configFromOptions } from '../lib/experimentConfig';
import { runPlan, type PlanOutcome } from '../lib/planRunner';
import { parseShard, shardOf, type Shard } from '../lib/shard';
import { mergeSweeps, readSweepFile } from '../lib/sweepFile';

const wholeNumber = (text: string | undefined, name: string, min: number) => {
  const n = Number(text);
  if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be a whole number ≥ ${min}, not '${text}'`);
  return n;
};

interface SplitSets {
  /** key=value settings of the base config, as `lab run` takes them. */
  single: string[];
  /** Swept keys with their values as text, in the order given. */
  axes: SweepAxis[];
  errors: ConfigError[];
}

/** Splits the --set options into base settings and swept keys. */
function splitSets(sets: readonly string[]): SplitSets {
  const fields = configFields();
  const single: string[] = [];
  const axes: SweepAxis[] = [];
  const errors: ConfigError[] = [];
  const seen = new Set<string>();
  for (const item of sets) {
    const eq = item.indexOf('=');
    if (eq <= 0) {
      errors.push({ key: item, message: 'expected key=value' });
      continue;
    }
    const key = item.slice(0, eq).trim();
    const text = item.slice(eq + 1);
    if (seen.has(key)) {
      errors.push({ key, message: 'set twice: give one --set per key, its values separated by commas' });
      continue;
    }
    seen.add(key);
    if (key === 'seed') {
      errors.push({ key, message: 'a sweep sets its seeds with --seeds N and --seed-base B' });
      continue;
    }
    const values = text.split(fields[key]?.kind === 'list' ? '|' : ',');
    if (values.length > 1) axes.push({ key, values });
    else single.push(`${key}=${text}`);
  }
  return { single, axes, errors };
}

export async function sweepCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      preset: { type: 'string' },
      link: { type: 'string' },
      config: { type: 'string' },
      set: { type: 'string', multiple: true },
      seeds: { type: 'string', default: '3' },
      'seed-base': { type: 'string', default: '1' },
      workers: { type: 'string', default: '1' },
      backend: { type: 'string', default: 'auto' },
      shard: { type: 'string' },
      from: { type: 'string', multiple: true },
      'domain-file': { type: 'string' },
      json: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.from?.length) {
    if (values['domain-file'] !== undefined) throw new Error('--domain-file is for running a sweep; --from merges sweeps made already (their runs name their text by sha256)');
    return mergeCommand(values.from, values.json!);
  }
  const shard = values.shard === undefined ? undefined : parseShard(values.shard);
  const nSeeds = wholeNumber(values.seeds, 'seeds', 1);
  const seedBase = wholeNumber(values['seed-base'], 'seed-base', 0);
  const workers = wholeNumber(values.workers, 'workers', 1);

  // Everything is checked before anything runs.
  const split = splitSets(values.set ?? []);
  if (split.errors.length) throw new Error(`invalid settings: ${formatErrors(split.errors)}`);
  let base = await configFromOptions({ link: values.link, preset: values.preset, configFile: values.config, sets: split.single });
  // A text of one's own: read and checked before anything runs, as `lab run --domain-file` does; every run of the sweep trains on it.
  const domainFile = values['domain-file'] === undefined ? undefined : await readDomainFileFor(values['domain-file']);
  if (domainFile) base = domainFile.withText(base);
  if (!split.axes.length) throw new Error('nothing to sweep: give a key several values, e.g. --set mix=0,0.25,0.5');
  const seeds = Array.from({ length: nSeeds }, (_, i) => seedBase + i);
  const plan = expandSweep({ base, axes: split.axes, seeds }, { fromText: true });
  if (plan.errors.length) throw new Error(`invalid sweep: ${formatErrors(plan.errors)}`);
  parseBackendOption(values.backend!);

  const { axes } = plan;
  const picked = shard ? shardOf(plan.runs, shard).map((s) => s.item) : plan.runs;
  const n = Math.min(workers, picked.length);
  const started = Date.now();
  process.stderr.write(
    `sweep: ${axes.map((a) => `${a.key} × ${a.values.length}`).join(', ')}, ${seeds.length} seed(s) from ${seedBase}: ` +
      `${shard ? `shard ${shard.index}/${shard.count}, ${picked.length} of ${plan.runs.length}` : plan.runs.length} runs on ${n} worker(s)\n`,
  );
  let done = 0;
  const outcomes = await runPlan(
    picked.map((run) => run.config),
    {
      workers: n,
      backend: values.backend,
      ...(domainFile ? { domainFile: { path: values['domain-file']!, text: domainFile.text } } : {}),
      onOutcome: (index, outcome) => {
        done += 1;
        process.stderr.write(`[${done}/${picked.length}] ${runLine(picked[index], outcome)} (${((Date.now() - started) / 1000).toFixed(0)} s)\n`);
      },
    },
  );
  const rows: SweepRow[] = picked.map((run, i) => ({ run, summary: outcomes[i].measured?.summary ?? null, error: outcomes[i].error, wallMs: outcomes[i].wallMs }));
  return present({ base, axes, seeds, rows, workers: n, seconds: Math.round((Date.now() - started) / 1000), shard }, values.json!);
}

/** `--domain-file PATH`, read and checked, said on stderr; its module (and tfjs with it) loads only when the option is given. */
async function readDomainFileFor(path: string) {
  const [{ readDomainFile, withDomainFile }, { describeChanges }] = await Promise.all([import('../lib/domainFile'), import('../../src/engine/scenarios/text/customText')]);
  const text = await readDomainFile(path);
  process.stderr.write(`${text.name}: ${describeChanges(text.changes)}\n`);
  return { text, withText: (config: ExperimentConfig) => withDomainFile(config, text) };
}

/** One run of a sweep and what it gave (a null summary: it failed, or no shard had it). */
interface SweepRow {
  run: SweepRun;
  summary: RunSummary | null;
  error?: string;
  wallMs: number;
}

/** The shards' files as one sweep: the same output as the whole sweep made in one place. */
async function mergeCommand(paths: string[], json: boolean): Promise<number> {
  const files = await Promise.all(paths.map(async (path) => ({ path, sweep: await readSweepFile(path) })));
  const merged = mergeSweeps(files);
  if (merged.missing.length) {
    process.stderr.write(`${merged.missing.length} of ${merged.plan.length} runs are in no file (a shard not given?): ${merged.missing.slice(0, 6).join(', ')}${merged.missing.length > 6 ? ', …' : ''}\n`);
  }
  const rows = merged.plan.flatMap((run, i) => {
    const given = merged.runs[i];
    return given ? [{ run, summary: given.summary, error: given.error, wallMs: given.wallMs }] : [];
  });
  const workers = Math.max(...files.map((f) => f.sweep.workers));
  const code = present({ base: merged.base, axes: merged.axes, seeds: merged.seeds, rows, workers, seconds: merged.seconds }, json);
  return merged.missing.length ? 1 : code;
}

interface Presented {
  base: ExperimentConfig;
  axes: SweepAxis[];
  seeds: number[];
  rows: SweepRow[];
  workers: number;
  seconds: number;
  shard?: Shard;
}

/** The lever curve (and grid) of the rows, as JSON or a table on stdout; 1 when a run failed. */
function present({ base, axes, seeds, rows, workers, seconds, shard }: Presented, json: boolean): number {
  const results: SweepResult[] = rows.flatMap(({ run, summary }) => (summary ? [{ values: run.values, seed: run.seed, summary, label: run.label }] : []));
  const curve = leverCurve(axes, results);
  const grid = axes.length === 2 ? leverGrid([axes[0], axes[1]], results) : undefined;
  const failed = rows.filter((r) => !r.summary).length;
  if (json) {
    const output = {
      format: 'forgetting-lab-sweep/1',
      spec: { base, axes, seeds },
      workers,
      seconds,
      ...(shard ? { shard } : {}),
      runs: rows.map(({ run, summary, error, wallMs }) => ({
        label: run.label,
        values: run.values,
        seed: run.seed,
        config: run.config,
        summary,
        ...(error ? { error } : {}),
        wallMs: Math.round(wallMs),
      })),
      curve,
      ...(grid ? { grid } : {}),
    };
    process.stdout.write(JSON.stringify(output) + '\n');
  } else {
    process.stdout.write(`${sweepText({ base, axes, seeds, curve, grid, runs: rows.length, workers, seconds })}\n`);
  }
  if (failed) {
    process.stderr.write(`${failed} of ${rows.length} runs failed\n`);
    return 1;
  }
  return 0;
}

/** A finished run for the progress lines: its label and seed, and what it gave. */
function runLine(run: SweepRun, outcome: PlanOutcome): string {
  const s = outcome.measured?.summary;
  return `${run.label} seed ${run.seed}: ${s ? `gain ${pts(s.taskGain)}, forgetting ${(100 * s.forgetting).toFixed(1)} pts` : `failed: ${outcome.error}`}`;
}

const pts = (x: number) => `${x >= 0 ? '+' : '−'}${Math.abs(100 * x).toFixed(1)}`;
const meanSd = (p: LeverPoint, m: LeverMetric, signed: boolean) => {
  const mean = signed ? pts(p[m].mean) : (100 * p[m].mean).toFixed(1);
  return p[m].sd === null ? mean : `${mean} ± ${(100 * p[m].sd).toFixed(1)}`;
};

function table(rows: string[][]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows.map((r) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('   ')).join('\n');
}

interface SweepTextInput {
  base: ExperimentConfig;
  axes: SweepAxis[];
  seeds: number[];
  curve: LeverPoint[];
  grid?: LeverGrid;
  runs: number;
  workers: number;
  seconds: number;
}

/** The lever curve as a table (value, n, task gain and forgetting as mean ± sd in points) and, for two keys, grids of forgetting and gain. */
export function sweepText({ base, axes, seeds, curve, grid, runs, workers, seconds }: SweepTextInput): string {
  const out = [
    `Sweep of ${axes.map((a) => a.key).join(' × ')}: ${seeds.length} seed(s) from ${seeds[0]}, ${runs} runs on ${workers} worker(s), ${seconds} s. Points: mean ± sd over seeds.`,
    '',
    table([
      ['value', 'n', 'task gain (pts)', 'forgetting (pts)'],
      ...curve.map((p) => [p.label, String(p.n), meanSd(p, 'taskGain', true), meanSd(p, 'forgetting', false)]),
    ]),
  ];
  if (grid) {
    const heat = (title: string, m: LeverMetric, signed: boolean) => {
      const head = [`${title}: ${grid.y.key} ↓ ${grid.x.key} →`, ...grid.x.values.map((v) => settingText(grid.x.key, v, base))];
      const rows = grid.y.values.map((yv, r) => [
        settingText(grid.y.key, yv, base),
        ...grid.cells[r].map((cell) => (cell ? (signed ? pts(cell[m].mean) : (100 * cell[m].mean).toFixed(1)) : '—')),
      ]);
      return table([head, ...rows]);
    };
    out.push('', heat('forgetting (pts)', 'forgetting', false), '', heat('task gain (pts)', 'taskGain', true));
  }
  return out.join('\n');
}
