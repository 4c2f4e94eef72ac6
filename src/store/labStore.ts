/**
 * The lab's live state: which backend runs and why, the base model's scores,
 * and the one run in progress. It owns the worker connection and turns the
 * worker's event batches into runs in the runs store.
 */
import { create } from 'zustand';
import type { BackendName } from '../engine/backend/backends';
import { BACKEND_LABELS } from '../engine/backend/names';
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
import type { BaseModelReport, LabWorkerApi, WorkerBackend } from '../worker/protocol';
import type { BackendMemory } from './backendMemory';
import { useConfigStore } from './configStore';
import { newRunId, useRunsStore } from './runsStore';
import type { ExperimentEvent } from '../engine/experiment/events';
import { lastStepOf, type Run } from './run';
import { compareWithShared, toSharedRun } from '../share/results';
import { useNoticeStore } from './noticeStore';

type LabPhase = 'starting' | 'measuring' | 'ready' | 'running' | 'paused' | 'failed';

export interface WorkerConnection {
  client: LabWorkerApi;
  terminate: () => void;
  /** Wraps a callback so the worker can call it (comlink.proxy). */
  proxy: <T extends object>(fn: T) => T;
  modelUrl: string;
  /** Called when the worker itself fails (its code does not load, or it throws outside a call). */
  onFailure?: (handler: (message: string) => void) => void;
}

/** The backend the lab runs on: the decision, with the figures behind it, and the worker's facts. */
type BackendStatus = BackendDecision & WorkerBackend;

/** What the lab needs from the browser, injectable for tests. */
export interface LabEnvironment {
  probe: () => Promise<BrowserFacts>;
  memory: BackendMemory;
  userAgent: string;
  /** TRIAL_BUDGET_MS and START_WAIT_MS, shorter in tests. */
  trialBudgetMs?: number;
  startWaitMs?: number;
}

export interface RunClock {
  startedAt: number;
  pausedAt: number | null;
  pausedMs: number;
}

export interface LabState {
  backendChoice: BackendChoice;
  backend: BackendStatus | null;
  base: BaseModelReport | null;
  phase: LabPhase;
  message: string | null;
  activeRunId: string | null;
  clock: RunClock | null;
  /** tfjs tensors alive in the worker after the last run: should not grow run to run. */
  workerTensors: number | null;
  /** The step a paused run holds at, once the worker says it holds still. */
  heldAt: number | null;
  connect: (choice: BackendChoice) => Promise<void>;
  /** Forgets this browser's remembered measurement and times the backends again. */
  remeasure: () => Promise<void>;
  /** Starts the edited config, or re-runs a shared run to check it reproduces. */
  start: (options?: { verifies?: string }) => Promise<void>;
  pause: () => Promise<void>;
  resume: () => Promise<void>;
  stop: () => Promise<void>;
}

/** How long a backend may take to start and time its steps (GPU shader compiles included). */
const TRIAL_BUDGET_MS = 15_000;
/** How much longer a Start pressed while backends are being timed waits for them. */
const START_WAIT_MS = 3_000;
const TRIAL_STEPS = 3;

/** Steps per second and seconds left, from the run clock (paused time excluded). */
export function runPace(clock: RunClock | null, step: number, total: number, now = Date.now()): { stepsPerSec: number; etaSec: number } | null {
  if (!clock || step <= 0) return null;
  const activeMs = (clock.pausedAt ?? now) - clock.startedAt - clock.pausedMs;
  if (activeMs <= 0) return null;
  const stepsPerSec = (1000 * step) / activeMs;
  return { stepsPerSec, etaSec: (total - step) / stepsPerSec };
}

/** Compares a re-run with the shared run it re-ran, records the verdict and says it. */
function verify(original: Run, rerun: Run, backend: string): void {
  const shared = toSharedRun(original);
  if (!shared) return;
  const verdict = compareWithShared(shared, { config: rerun.config, events: rerun.events });
  useRunsStore.getState().setVerdict(rerun.id, verdict);
  const sameBackend = original.backend === backend;
  const note = verdict.match
    ? `Re-run matches the shared results of ${original.name}: ${verdict.detail} (${backend}).`
    : `Re-run of ${original.name} does not match: ${verdict.detail}.${sameBackend ? '' : ` It was shared from ${original.backend} and re-run on ${backend}; different backends round differently, so small differences are expected.`}`;
  useNoticeStore.getState().notify(note, verdict.match ? 'success' : sameBackend ? 'error' : 'warning');
}

/** "#3 mix", "#4 lora (edited)", "#5 custom". */
export function runName(n: number, preset: string | null, basedOn: string | null): string {
  if (preset) return `#${n} ${preset}`;
  return basedOn ? `#${n} ${basedOn} (edited)` : `#${n} custom`;
}

/** Resolves after `ms`, or never when ms is Infinity. */
const after = (ms: number) => new Promise<'late'>((resolve) => Number.isFinite(ms) && setTimeout(() => resolve('late'), ms));

export function createLabStore(openWorker: () => WorkerConnection, env: LabEnvironment) {
  let connection: WorkerConnection | null = null;
  let generation = 0;
  /** Set while backends are timed: cuts the timing short once Start has waited START_WAIT_MS. */
  let cutShort: (() => void) | null = null;
  let connecting: Promise<void> | null = null;

  return create<LabState>((set, get) => {
    /** Opens a worker whose failure, while it is the lab's worker, fails the lab. */
    const open = (mine: number): WorkerConnection => {
      const conn = openWorker();
      conn.onFailure?.((message) => {
        if (mine !== generation || conn !== connection) return;
        const { activeRunId } = get();
        if (activeRunId) {
          useRunsStore.getState().append(activeRunId, [{ type: 'error', message: `the training worker failed: ${message}` }]);
          useRunsStore.getState().setStatus(activeRunId, 'error');
        }
        set({ phase: 'failed', activeRunId: null, message: `The training worker failed: ${message}. Reload the page, or pick another backend.` });
      });
      return conn;
    };

    /** Times each backend worth timing in a worker of its own; keeps the fastest one's worker. */
    const measure = async (mine: number, facts: BrowserFacts): Promise<{ decision: BackendDecision; conn: WorkerConnection; backend: WorkerBackend }> => {
      const { timed, skipped } = candidatesFor(facts);
      const config = useConfigStore.getState().config;
      const results: TrialResult[] = [];
      let best: { conn: WorkerConnection; backend: WorkerBackend; ms: number } | null = null;
      const cut = new Promise<'cut'>((resolve) => (cutShort = () => resolve('cut')));
      let wasCut = false;
      for (const name of timed) {
        if (mine !== generation) break;
        if (wasCut) {
          results.push({ name, msPerStep: null, note: 'not timed: Start was pressed' });
          continue;
        }
        set({ message: `timing ${BACKEND_LABELS[name]}: a few training steps${timed.length > 1 ? ` (${timed.map((n) => BACKEND_LABELS[n]).join(', ')})` : ''}…` });
        const conn = open(mine);
        connection = connection ?? conn;
        const work = (async () => {
          const backend = await conn.client.init(name, conn.modelUrl);
          if (backend.name !== name) throw new Error(backend.failures.join('; ') || `${name} did not start`);
          // A single candidate needs no figures to win.
          const trial = timed.length > 1 ? await conn.client.trial(config, TRIAL_STEPS) : null;
          return { backend, trial };
        })();
        const outcome = await Promise.race([work.then((w) => ({ ok: true as const, ...w }), (err: unknown) => ({ ok: false as const, err })), after(env.trialBudgetMs ?? TRIAL_BUDGET_MS), cut]);
        if (outcome === 'late' || outcome === 'cut' || !outcome.ok) {
          if (outcome === 'cut') wasCut = true;
          const note =
            outcome === 'late' ? `took over ${(env.trialBudgetMs ?? TRIAL_BUDGET_MS) / 1000} s to start and train` : outcome === 'cut' ? 'cut short: Start was pressed' : `could not start (${outcome.err instanceof Error ? outcome.err.message : String(outcome.err)})`;
          results.push({ name, msPerStep: null, note });
          if (conn !== best?.conn) conn.terminate();
          if (connection === conn) connection = null;
          continue;
        }
        const ms = outcome.trial?.msPerStep ?? 0;
        results.push({ name, msPerStep: outcome.trial ? ms : null, firstStepMs: outcome.trial?.firstStepMs, note: outcome.trial ? undefined : 'the only backend worth timing here' });
        if (!best || ms < best.ms) {
          if (best) best.conn.terminate();
          best = { conn, backend: outcome.backend, ms };
        } else conn.terminate();
        connection = best.conn;
      }
      cutShort = null;
      if (!best) throw new Error(`no backend could start: ${results.map((r) => `${BACKEND_LABELS[r.name]} ${r.note}`).join('; ')}`);
      const decision =
        timed.length > 1
          ? decide(results, skipped, facts)
          : { ...decide([{ name: best.backend.name, msPerStep: 0 }], [], facts), measuredAt: undefined, reason: [`${BACKEND_LABELS[best.backend.name]}: the only backend worth timing here`, ...skipped.map((x) => `${BACKEND_LABELS[x.name]} not timed: ${x.why}`)].join('; '), results };
      return { decision, conn: best.conn, backend: best.backend };
    };

    const connectTo = async (choice: BackendChoice, mine: number): Promise<void> => {
      const facts = await env.probe();
      const key = memoryKey(facts, env.userAgent);
      let decision: BackendDecision;
      let backend: WorkerBackend;
      const remembered = choice === 'auto' ? env.memory.recall(key) : null;
      if (choice === 'auto' && !remembered) {
        set({ phase: 'measuring' });
        const measured = await measure(mine, facts);
        if (mine !== generation) return;
        ({ decision, backend } = measured);
        connection = measured.conn;
        if (decision.results.filter((r) => r.msPerStep !== null).length > 1) env.memory.remember(key, decision);
      } else {
        const name: BackendName = remembered ? remembered.name : (choice as BackendName);
        connection = open(mine);
        backend = await connection.client.init(name, connection.modelUrl);
        if (mine !== generation) return;
        decision = remembered ?? chosenByHand(backend.name, facts);
        if (backend.name !== name) decision = { ...chosenByHand(backend.name, facts), reason: `fell back: ${backend.failures.join('; ')}` };
      }
      set({ backend: { ...decision, ...backend } });
      const base = await connection.client.evaluateBase();
      if (mine !== generation) return;
      set({ base });
      if (backend.name === 'webgpu' || backend.name === 'webgl') {
        set({ message: 'compiling GPU shaders…' });
        await connection.client.warmUp(useConfigStore.getState().config);
        if (mine !== generation) return;
      }
      set({ phase: 'ready', message: null });
    };

    return {
      backendChoice: 'auto',
      backend: null,
      base: null,
      phase: 'starting',
      message: null,
      activeRunId: null,
      clock: null,
      workerTensors: null,
      heldAt: null,

      connect: async (choice) => {
        if (get().phase === 'running' || get().phase === 'paused') return;
        const mine = ++generation;
        connection?.terminate();
        connection = null;
        set({ backendChoice: choice, backend: null, base: null, phase: 'starting', message: null });
        const task = connectTo(choice, mine).catch((err) => {
          if (mine !== generation) return;
          set({ phase: 'failed', message: err instanceof Error ? err.message : String(err) });
        });
        connecting = task;
        await task;
      },

      remeasure: async () => {
        const facts = await env.probe();
        env.memory.forget(memoryKey(facts, env.userAgent));
        await get().connect('auto');
      },

    start: async (options = {}) => {
      if (get().phase === 'measuring' || get().phase === 'starting') {
        // Timing backends: wait for it at most START_WAIT_MS more, then go with the fastest so far.
        const cut = cutShort;
        const timer = cut ? setTimeout(cut, env.startWaitMs ?? START_WAIT_MS) : undefined;
        await connecting;
        clearTimeout(timer);
      }
      const { phase, backend } = get();
      if (phase !== 'ready' || !connection || !backend) return;
      const { preset, basedOn } = useConfigStore.getState();
      const runs = useRunsStore.getState();
      const original = options.verifies ? runs.runs.find((r) => r.id === options.verifies) : undefined;
      const config = original ? original.config : useConfigStore.getState().config;
      const id = newRunId();
      runs.add({
        id,
        name: original ? `#${runs.runs.length + 1} re-run of ${original.name}` : runName(runs.runs.length + 1, preset, basedOn),
        config,
        backend: backend.name,
        events: [],
        status: 'running',
        hidden: false,
        startedAt: Date.now(),
        verifies: original?.id,
      });
      set({ phase: 'running', activeRunId: id, message: null, clock: { startedAt: Date.now(), pausedAt: null, pausedMs: 0 } });
      const sink = connection.proxy((events: ExperimentEvent[]) => useRunsStore.getState().append(id, events));
      try {
        const outcome = await connection.client.run(config, sink);
        const memory = await connection.client.memory();
        set({ workerTensors: memory.numTensors });
        const run = useRunsStore.getState().runs.find((r) => r.id === id);
        const last = run?.events.at(-1);
        useRunsStore.getState().setStatus(id, outcome === 'done' ? 'done' : outcome === 'error' ? 'error' : 'stopped');
        if (original && run && outcome === 'done') verify(original, run, backend.name);
        set({
          phase: 'ready',
          activeRunId: null,
          message: last?.type === 'error' ? last.message : outcome === 'stopped' && run ? `stopped at step ${lastStepOf(run)}` : null,
        });
      } catch (err) {
        useRunsStore.getState().append(id, [{ type: 'error', message: err instanceof Error ? err.message : String(err) }]);
        useRunsStore.getState().setStatus(id, 'error');
        set({ phase: 'ready', activeRunId: null, message: err instanceof Error ? err.message : String(err) });
      }
    },

    pause: async () => {
      const { phase, activeRunId, clock } = get();
      if (phase !== 'running' || !connection || !activeRunId) return;
      useRunsStore.getState().setStatus(activeRunId, 'paused');
      set({ phase: 'paused', heldAt: null, clock: clock && { ...clock, pausedAt: Date.now() } });
      await control(async () => {
        const step = await connection!.client.pause();
        if (get().phase === 'paused') set({ heldAt: step });
      }, 'pause');
    },

    resume: async () => {
      const { phase, activeRunId, clock } = get();
      if (phase !== 'paused' || !connection || !activeRunId) return;
      useRunsStore.getState().setStatus(activeRunId, 'running');
      const pausedMs = clock?.pausedAt ? clock.pausedMs + Date.now() - clock.pausedAt : (clock?.pausedMs ?? 0);
      set({ phase: 'running', heldAt: null, clock: clock && { ...clock, pausedAt: null, pausedMs } });
      await control(() => connection!.client.resume(), 'resume');
    },

    stop: async () => {
      if (!connection || !get().activeRunId) return;
      await control(() => connection!.client.stop(), 'stop');
    },
  };
  });

  /** A control message to the worker; a failure is said, not swallowed. */
  async function control(call: () => Promise<void>, what: string): Promise<void> {
    try {
      await call();
    } catch (err) {
      useNoticeStore.getState().notify(`Could not ${what} the run: ${err instanceof Error ? err.message : String(err)}`, 'error');
    }
  }
}
