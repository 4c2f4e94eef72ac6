/**
 * `lab sweep`: one knob (or two) over several values and seeds, headless.
 *
 *   npm run lab -- sweep --set mix=0,0.25,0.5 [--set lr=1e-4,1e-3] [--set steps=50] [--preset NAME]
 *                        [--seeds 3] [--seed-base 1] [--workers N] [--json]
 *
 * A `--set` with several values (comma-separated) is a swept key, at most two;
 * one value sets the base config. A list-valued key (lora.targets) takes its
 * alternatives separated by '|' and each list's items by ',':
 * `--set lora.targets=q,v|q,k,v,o|up,down`.
 *
 * Every value is checked before anything runs; a bad one exits non-zero by
 * key and value. Runs go to `--workers` child processes (`lab sweep-worker`,
 * each starting tfjs and the base model once and then taking one run at a
 * time over stdin/stdout as JSON lines); with one worker they run in this
 * process. Progress goes to stderr; stdout carries the lever curve (a table,
 * or JSON with --json). A run that fails is reported and left out of the
 * curve (its point's n is lower), and the command then exits 1.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
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

// tfjs, the backends and the model load only where runs happen (this process
// with one worker, the workers otherwise), so the checks and the parent of
// the workers start fast.
const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

async function startRunner(backendOption: string) {
  const [{ startNodeBackend }, { readScenarioAssets }, { runOnce }] = await Promise.all([
    import('../lib/nodeBackend'),
    import('../lib/scenarioAssets'),
    import('../lib/runOnce'),
  ]);
  const backend = await startNodeBackend(backendOption);
  return async (job: Job): Promise<RunOutcome> => {
    const r = await runOnce(job.config, backend, await readScenarioAssets(job.config.scenario));
    return { index: job.index, summary: r.summary ?? null, ...(r.error ? { error: r.error } : {}), wallMs: r.wallMs };
  };
}

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

/** What a worker sends back for one run. */
interface RunOutcome {
  index: number;
  summary: RunSummary | null;
  error?: string;
  wallMs: number;
}

type Job = { index: number; config: ExperimentConfig };

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
      json: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const nSeeds = wholeNumber(values.seeds, 'seeds', 1);
  const seedBase = wholeNumber(values['seed-base'], 'seed-base', 0);
  const workers = wholeNumber(values.workers, 'workers', 1);

  // Everything is checked before anything runs.
  const split = splitSets(values.set ?? []);
  if (split.errors.length) throw new Error(`invalid settings: ${formatErrors(split.errors)}`);
  const base = await configFromOptions({ link: values.link, preset: values.preset, configFile: values.config, sets: split.single });
  if (!split.axes.length) throw new Error('nothing to sweep: give a key several values, e.g. --set mix=0,0.25,0.5');
  const seeds = Array.from({ length: nSeeds }, (_, i) => seedBase + i);
  const plan = expandSweep({ base, axes: split.axes, seeds }, { fromText: true });
  if (plan.errors.length) throw new Error(`invalid sweep: ${formatErrors(plan.errors)}`);
  parseBackendOption(values.backend!);

  const { runs, axes } = plan;
  const n = Math.min(workers, runs.length);
  const started = Date.now();
  process.stderr.write(
    `sweep: ${axes.map((a) => `${a.key} × ${a.values.length}`).join(', ')}, ${seeds.length} seed(s) from ${seedBase}: ${runs.length} runs on ${n} worker(s)\n`,
  );
  let done = 0;
  const report = (run: SweepRun, outcome: RunOutcome) => {
    done += 1;
    const s = outcome.summary;
    const what = s ? `gain ${pts(s.taskGain)}, forgetting ${(100 * s.forgetting).toFixed(1)} pts` : `failed: ${outcome.error}`;
    process.stderr.write(`[${done}/${runs.length}] ${run.label} seed ${run.seed}: ${what} (${((Date.now() - started) / 1000).toFixed(0)} s)\n`);
  };
  const jobs = runs.map((run, index) => ({ index, config: run.config }));
  const outcomes = n <= 1 ? await runHere(jobs, values.backend!, (o) => report(runs[o.index], o)) : await runInWorkers(jobs, n, values.backend!, (o) => report(runs[o.index], o));

  const results: SweepResult[] = [];
  runs.forEach((run, i) => {
    const summary = outcomes[i]?.summary;
    if (summary) results.push({ values: run.values, seed: run.seed, summary, label: run.label });
  });
  const curve = leverCurve(axes, results);
  const grid = axes.length === 2 ? leverGrid([axes[0], axes[1]], results) : undefined;
  const failed = runs.filter((_, i) => !outcomes[i]?.summary).length;
  const seconds = Math.round((Date.now() - started) / 1000);

  if (values.json) {
    const output = {
      format: 'forgetting-lab-sweep/1',
      spec: { base, axes, seeds },
      workers: n,
      seconds,
      runs: runs.map((run, i) => ({
        label: run.label,
        values: run.values,
        seed: run.seed,
        config: run.config,
        summary: outcomes[i]?.summary ?? null,
        ...(outcomes[i]?.error ? { error: outcomes[i].error } : {}),
        wallMs: Math.round(outcomes[i]?.wallMs ?? 0),
      })),
      curve,
      ...(grid ? { grid } : {}),
    };
    process.stdout.write(JSON.stringify(output) + '\n');
  } else {
    process.stdout.write(`${sweepText({ base, axes, seeds, curve, grid, runs: runs.length, workers: n, seconds })}\n`);
  }
  if (failed) {
    process.stderr.write(`${failed} of ${runs.length} runs failed\n`);
    return 1;
  }
  return 0;
}

/** One worker: this process. */
async function runHere(jobs: Job[], backendOption: string, onDone: (o: RunOutcome) => void): Promise<RunOutcome[]> {
  const run = await startRunner(backendOption);
  const outcomes: RunOutcome[] = [];
  for (const job of jobs) {
    outcomes[job.index] = await run(job);
    onDone(outcomes[job.index]);
  }
  return outcomes;
}

/**
 * `n` child processes, each handed the next run as soon as it is free. A
 * worker that dies fails its run (named) and is replaced while runs remain.
 */
function runInWorkers(jobs: Job[], n: number, backendOption: string, onDone: (o: RunOutcome) => void): Promise<RunOutcome[]> {
  const outcomes: RunOutcome[] = [];
  const queue = [...jobs];
  let live = 0;
  return new Promise((resolve) => {
    const start = () => {
      live += 1;
      const child: ChildProcess = spawn(
        process.execPath,
        ['--import', 'tsx', '--import', './scripts/lib/tfjs-esm.mjs', 'scripts/lab.ts', 'sweep-worker', '--backend', backendOption],
        { cwd: REPO_ROOT, stdio: ['pipe', 'pipe', 'pipe'] },
      );
      let current: Job | undefined;
      let stderr = '';
      const give = () => {
        current = queue.shift();
        if (current) child.stdin!.write(JSON.stringify(current) + '\n');
        else child.stdin!.end();
      };
      child.stderr!.on('data', (chunk: Buffer) => {
        stderr = (stderr + chunk.toString()).slice(-2000);
      });
      child.stdin!.on('error', () => {}); // a worker that died: its 'close' says so
      child.on('error', (err) => {
        stderr += `\n${err.message}`;
      });
      createInterface({ input: child.stdout! }).on('line', (line) => {
        if (!line.startsWith('{"index"')) {
          process.stderr.write(`${line}\n`); // not ours: a library's message
          return;
        }
        const outcome = JSON.parse(line) as RunOutcome;
        outcomes[outcome.index] = outcome;
        onDone(outcome);
        give();
      });
      child.on('close', (code) => {
        live -= 1;
        if (current && !outcomes[current.index]) {
          const why = `worker exited (${code ?? 'signal'}) during the run${stderr.trim() ? `: ${stderr.trim().split('\n').at(-1)}` : ''}`;
          outcomes[current.index] = { index: current.index, summary: null, error: why, wallMs: 0 };
          onDone(outcomes[current.index]);
        }
        if (queue.length) start();
        else if (live === 0) resolve(outcomes);
      });
      give();
    };
    for (let i = 0; i < n; i++) start();
  });
}

/**
 * `lab sweep-worker` (internal, for `lab sweep --workers N`): starts the
 * backend and reads the base model once, then runs each `{index, config}`
 * line of stdin and answers `{index, summary, error?, wallMs}` on stdout.
 */
export async function sweepWorkerCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { backend: { type: 'string', default: 'auto' } }, strict: true });
  const run = await startRunner(values.backend!);
  for await (const line of createInterface({ input: process.stdin })) {
    if (line.trim()) process.stdout.write(JSON.stringify(await run(JSON.parse(line) as Job)) + '\n');
  }
  return 0;
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
