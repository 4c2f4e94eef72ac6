/**
 * One plan runner for the command line and the tests: a plan (a list of
 * experiment configs) in, one outcome per run out, in plan order, whatever
 * order the runs finished in.
 *
 * With one worker the runs go one after another in this process. With N,
 * they go to N child processes (`lab plan-worker`), each starting tfjs, the
 * backend and the base model once and then taking the next run as soon as it
 * is free, as JSON lines over stdin/stdout. tfjs loads only where runs happen
 * (this module imports it lazily), so the parent of the workers starts in
 * well under a second.
 *
 * A run that fails is an outcome with its error, and so is the run of a
 * worker that dies (the worker is replaced while runs remain); the other runs
 * still run. Runs are deterministic on wasm, so the outcomes do not depend on
 * the number of workers: only `wallMs` and `summary.msPerStep` do.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import type { ExperimentConfig } from '../../src/engine/config/schema';
import type { CustomText } from '../../src/engine/scenarios/text/customText';
import { measure, type Measured } from './claims';
import { REPO_ROOT } from './repoRoot';

/** What one run of a plan gave. */
export interface PlanOutcome {
  /** Summary and evaluation curves; null when the run failed. */
  measured: Measured | null;
  error?: string;
  /** The backend the run trained on (`auto` picks one per process). */
  backend?: string;
  wallMs: number;
}

export interface PlanOptions {
  /** Worker processes; 1 (the default) runs the plan in this process. */
  workers?: number;
  /** `--backend`: auto, one backend, or a list to fall back through. */
  backend?: string;
  /** Held-out examples per skill (text: windows per source) behind full scores; smaller only in tests. */
  evalSize?: number;
  /**
   * `--domain-file`: the text of one's own the plan's domain=custom runs train on,
   * read and checked already; worker processes read the same file again (a
   * changed file is refused by its hash).
   */
  domainFile?: { path: string; text: CustomText };
  /** Called as each run finishes (in finishing order) with its index in the plan. */
  onOutcome?: (index: number, outcome: PlanOutcome) => void;
}

interface Job {
  index: number;
  config: ExperimentConfig;
}

type Runner = (config: ExperimentConfig) => Promise<PlanOutcome>;

/** Starts the backend (and, on the first run of a scenario, reads its base model) for runs in this process. */
async function startRunner(backendOption: string, evalSize?: number, ownText?: CustomText): Promise<Runner> {
  const [{ startNodeBackend }, { readScenarioAssets }, { runOnce }, { domainFileAssets }] = await Promise.all([
    import('./nodeBackend'),
    import('./scenarioAssets'),
    import('./runOnce'),
    import('./domainFile'),
  ]);
  const backend = await startNodeBackend(backendOption);
  // With a text of one's own, each run reads what its config needs, the text among it, exactly as `lab run --domain-file` does.
  const withText = ownText ? domainFileAssets(ownText) : null;
  return async (config) => {
    const started = performance.now();
    try {
      const assets = withText ? await withText(config) : await readScenarioAssets(config.scenario);
      const result = await runOnce(config, backend, evalSize ? { ...assets, evalSize } : assets);
      const measured = measure(result.events);
      const error = result.error ?? (measured ? undefined : 'the run ended without a result');
      return { measured, ...(error ? { error } : {}), backend, wallMs: result.wallMs };
    } catch (err) {
      return { measured: null, error: err instanceof Error ? err.message : String(err), backend, wallMs: performance.now() - started };
    }
  };
}

/** Runs every config of the plan; the outcomes come back in plan order. */
export async function runPlan(plan: readonly ExperimentConfig[], options: PlanOptions = {}): Promise<PlanOutcome[]> {
  const jobs = plan.map((config, index) => ({ index, config }));
  const workers = Math.max(1, Math.min(options.workers ?? 1, jobs.length));
  const backend = options.backend ?? 'auto';
  const onOutcome = options.onOutcome ?? (() => {});
  if (workers === 1) {
    const run = await startRunner(backend, options.evalSize, options.domainFile?.text);
    const outcomes: PlanOutcome[] = [];
    for (const job of jobs) {
      outcomes[job.index] = await run(job.config);
      onOutcome(job.index, outcomes[job.index]);
    }
    return outcomes;
  }
  return runInWorkers(jobs, workers, backend, options.evalSize, options.domainFile?.path, onOutcome);
}

/**
 * `n` child processes, each handed the next run as soon as it is free. A
 * worker that dies fails its run (named) and is replaced while runs remain.
 */
function runInWorkers(
  jobs: Job[],
  n: number,
  backend: string,
  evalSize: number | undefined,
  domainFile: string | undefined,
  onOutcome: (index: number, outcome: PlanOutcome) => void,
): Promise<PlanOutcome[]> {
  const outcomes: PlanOutcome[] = [];
  const queue = [...jobs];
  const args = ['--import', 'tsx', '--import', './scripts/lib/tfjs-esm.mjs', 'scripts/lab.ts', 'plan-worker', '--backend', backend];
  if (evalSize) args.push('--eval-size', String(evalSize));
  if (domainFile) args.push('--domain-file', domainFile);
  let live = 0;
  return new Promise((done) => {
    const start = () => {
      live += 1;
      const child = spawn(process.execPath, args, { cwd: REPO_ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
      let current: Job | undefined;
      let stderr = '';
      const give = () => {
        current = queue.shift();
        if (current) child.stdin.write(JSON.stringify(current) + '\n');
        else child.stdin.end();
      };
      child.stderr.on('data', (chunk: Buffer) => {
        stderr = (stderr + chunk.toString()).slice(-2000);
      });
      child.stdin.on('error', () => {}); // a worker that died: its 'close' says so
      child.on('error', (err) => {
        stderr += `\n${err.message}`;
      });
      createInterface({ input: child.stdout }).on('line', (line) => {
        if (!line.startsWith('{"index"')) {
          process.stderr.write(`${line}\n`); // not ours: a library's message
          return;
        }
        const { index, ...outcome } = JSON.parse(line) as PlanOutcome & { index: number };
        outcomes[index] = outcome;
        onOutcome(index, outcome);
        give();
      });
      child.on('close', (code) => {
        live -= 1;
        if (current && !outcomes[current.index]) {
          const why = `worker exited (${code ?? 'signal'}) during the run${stderr.trim() ? `: ${stderr.trim().split('\n').at(-1)}` : ''}`;
          outcomes[current.index] = { measured: null, error: why, wallMs: 0 };
          onOutcome(current.index, outcomes[current.index]);
        }
        if (queue.length) start();
        else if (live === 0) done(outcomes);
      });
      give();
    };
    for (let i = 0; i < n; i++) start();
  });
}

/**
 * `lab plan-worker` (internal, the child process of runPlan): starts the
 * backend once, then runs each `{index, config}` line of stdin and answers
 * `{index, measured, error?, backend, wallMs}` on stdout.
 */
export async function planWorkerCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { backend: { type: 'string', default: 'auto' }, 'eval-size': { type: 'string' }, 'domain-file': { type: 'string' } }, strict: true });
  const ownText = values['domain-file'] ? await (await import('./domainFile')).readDomainFile(values['domain-file']) : undefined;
  const run = await startRunner(values.backend!, values['eval-size'] ? Number(values['eval-size']) : undefined, ownText);
  for await (const line of createInterface({ input: process.stdin })) {
    if (!line.trim()) continue;
    const job = JSON.parse(line) as Job;
    process.stdout.write(JSON.stringify({ index: job.index, ...(await run(job.config)) }) + '\n');
  }
  return 0;
}
