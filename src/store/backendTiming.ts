/**
 * Which backend the lab runs on, and the worker it starts in. A backend
 * chosen by hand, or remembered for this browser (backendMemory.ts), starts
 * at once; `auto` otherwise times each backend worth timing here
 * (worker/backendChoice.ts) in a worker of its own, keeps the fastest one's
 * worker, terminates the others and remembers the figures. Plain TypeScript:
 * the lab store says what it shows.
 */
import { BACKEND_LABELS, type BackendName } from '../engine/backend/names';
import type { ExperimentConfig } from '../engine/config/schema';
import {
  candidatesFor,
  chosenByHand,
  decide,
  memoryKey,
  type BackendChoice,
  type BackendDecision,
  type BrowserFacts,
  type TrialResult,
} from '../worker/backendChoice';
import type { WorkerBackend } from '../worker/protocol';
import type { BackendMemory } from './backendMemory';
import type { WorkerConnection } from './workerPool';

/** How long a backend may take to start and time its steps (GPU shader compiles included). */
const TRIAL_BUDGET_MS = 15_000;
const TRIAL_STEPS = 3;

/** What the timing needs from the browser, injectable for tests. */
export interface TimingEnvironment {
  probe: () => Promise<BrowserFacts>;
  memory: BackendMemory;
  userAgent: string;
  /** TRIAL_BUDGET_MS, shorter in tests. */
  trialBudgetMs?: number;
}

/** Where the timing gets its workers, and what it says as it goes. */
export interface TimingHooks {
  /** Opens a worker (the caller holds it until `drop`). */
  open: () => WorkerConnection;
  drop: (conn: WorkerConnection) => void;
  /** True once the caller has moved on (a newer connect): the timing stops and gives nothing back. */
  stale: () => boolean;
  /** Called as the backends are about to be timed (not for a backend chosen by hand or remembered). */
  measuring: () => void;
  /** What is being timed now. */
  say: (message: string) => void;
}

/** The chosen backend, with the figures behind it, and the worker it started in. */
export interface ChosenBackend {
  decision: BackendDecision;
  backend: WorkerBackend;
  conn: WorkerConnection;
}

/** Resolves after `ms`, or never when ms is Infinity. */
const after = (ms: number) => new Promise<'late'>((resolve) => Number.isFinite(ms) && setTimeout(() => resolve('late'), ms));

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** How a decision's reason starts when the backend asked for could not start and a slower one runs. */
const FELL_BACK = 'fell back: ';

/**
 * The badge's first words, plain for a newcomer: which backend trains and
 * why in four words ('Training on WASM, the fastest here'). The figures and
 * the backends not timed are the details, one click away.
 */
export function backendHeadline(decision: Pick<BackendDecision, 'name' | 'reason' | 'results'>): string {
  const name = BACKEND_LABELS[decision.name];
  if (decision.reason.startsWith(FELL_BACK)) return `Training on ${name}: the backend asked for could not start`;
  // Timed (or the only one worth timing): the fastest; no figures at all: chosen by hand or by the link.
  return decision.results.length ? `Training on ${name}, the fastest here` : `Training on ${name}, as chosen`;
}

export class BackendTiming {
  /** Set while backends are timed: cuts the timing short. */
  private cutShort: (() => void) | null = null;

  constructor(private readonly env: TimingEnvironment) {}

  /**
   * Cuts the timing in progress short after `ms` (the backends not done by
   * then are given up, the fastest so far kept); the function returned
   * cancels that. Nothing happens when no timing is in progress.
   */
  cutAfter(ms: number): () => void {
    const cut = this.cutShort;
    const timer = cut ? setTimeout(cut, ms) : undefined;
    return () => clearTimeout(timer);
  }

  /** Forgets this browser's remembered measurement, so the next `auto` times the backends again. */
  async forget(): Promise<void> {
    const facts = await this.env.probe();
    this.env.memory.forget(memoryKey(facts, this.env.userAgent));
  }

  /** Starts the backend `choice` means here in a worker of its own; null when the caller moved on meanwhile. */
  async choose(choice: BackendChoice, config: ExperimentConfig, hooks: TimingHooks): Promise<ChosenBackend | null> {
    const facts = await this.env.probe();
    if (hooks.stale()) return null;
    const key = memoryKey(facts, this.env.userAgent);
    const remembered = choice === 'auto' ? this.env.memory.recall(key) : null;
    if (choice === 'auto' && !remembered) {
      hooks.measuring();
      const measured = await this.measure(facts, config, hooks);
      if (!measured) return null;
      if (measured.decision.results.filter((r) => r.msPerStep !== null).length > 1) this.env.memory.remember(key, measured.decision);
      return measured;
    }
    const name: BackendName = remembered ? remembered.name : (choice as BackendName);
    const conn = hooks.open();
    const backend = await conn.client.init(name, conn.modelUrl);
    if (hooks.stale()) {
      hooks.drop(conn);
      return null;
    }
    const decision =
      backend.name !== name ? { ...chosenByHand(backend.name, facts), reason: `${FELL_BACK}${backend.failures.join('; ')}` } : (remembered ?? chosenByHand(backend.name, facts));
    return { decision, backend, conn };
  }

  /** Times each backend worth timing in a worker of its own; keeps the fastest one's worker. */
  private async measure(facts: BrowserFacts, config: ExperimentConfig, hooks: TimingHooks): Promise<ChosenBackend | null> {
    const { timed, skipped } = candidatesFor(facts);
    const results: TrialResult[] = [];
    let best: { conn: WorkerConnection; backend: WorkerBackend; ms: number } | null = null;
    let cutMine = () => {};
    const cut = new Promise<'cut'>((resolve) => (cutMine = () => resolve('cut')));
    this.cutShort = cutMine;
    let wasCut = false;
    try {
      for (const name of timed) {
        if (hooks.stale()) break;
        if (wasCut) {
          results.push({ name, msPerStep: null, note: 'not timed: Start was pressed' });
          continue;
        }
        hooks.say(`timing ${BACKEND_LABELS[name]}: a few training steps${timed.length > 1 ? ` (${timed.map((n) => BACKEND_LABELS[n]).join(', ')})` : ''}…`);
        const conn = hooks.open();
        const work = (async () => {
          const backend = await conn.client.init(name, conn.modelUrl);
          if (backend.name !== name) throw new Error(backend.failures.join('; ') || `${name} did not start`);
          // A single candidate needs no figures to win.
          const trial = timed.length > 1 ? await conn.client.trial(config, TRIAL_STEPS) : null;
          return { backend, trial };
        })();
        const budget = this.env.trialBudgetMs ?? TRIAL_BUDGET_MS;
        const outcome = await Promise.race([work.then((w) => ({ ok: true as const, ...w }), (err: unknown) => ({ ok: false as const, err })), after(budget), cut]);
        if (outcome === 'late' || outcome === 'cut' || !outcome.ok) {
          if (outcome === 'cut') wasCut = true;
          const note = outcome === 'late' ? `took over ${budget / 1000} s to start and train` : outcome === 'cut' ? 'cut short: Start was pressed' : `could not start (${messageOf(outcome.err)})`;
          results.push({ name, msPerStep: null, note });
          hooks.drop(conn);
          continue;
        }
        const ms = outcome.trial?.msPerStep ?? 0;
        results.push({ name, msPerStep: outcome.trial ? ms : null, firstStepMs: outcome.trial?.firstStepMs, note: outcome.trial ? undefined : 'the only backend worth timing here' });
        if (!best || ms < best.ms) {
          if (best) hooks.drop(best.conn);
          best = { conn, backend: outcome.backend, ms };
        } else hooks.drop(conn);
      }
    } finally {
      if (this.cutShort === cutMine) this.cutShort = null;
    }
    if (hooks.stale()) {
      if (best) hooks.drop(best.conn);
      return null;
    }
    if (!best) throw new Error(`no backend could start: ${results.map((r) => `${BACKEND_LABELS[r.name]} ${r.note}`).join('; ')}`);
    const decision =
      timed.length > 1
        ? decide(results, skipped, facts)
        : {
            ...decide([{ name: best.backend.name, msPerStep: 0 }], [], facts),
            measuredAt: undefined,
            reason: [`${BACKEND_LABELS[best.backend.name]}: the only backend worth timing here`, ...skipped.map((x) => `${BACKEND_LABELS[x.name]} not timed: ${x.why}`)].join('; '),
            results,
          };
    return { decision, conn: best.conn, backend: best.backend };
  }
}
