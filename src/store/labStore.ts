/**
 * The lab's live state: which backend runs and why, the base model's scores,
 * the workers, and the runs in progress. Runs wait in the queue
 * (queueStore.ts); a scheduler hands each to a free worker, so a sweep runs
 * on as many workers as the machine has cores (one on a GPU backend), and it
 * turns the workers' event batches into runs in the runs store.
 */
import { create } from 'zustand';
import { BACKEND_LABELS, type BackendName } from '../engine/backend/names';
import type { ExperimentEvent } from '../engine/experiment/events';
import { compareWithShared, toSharedRun } from '../share/results';
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
import type { ScenarioName } from '../engine/scenarios/names';
import type { BackendMemory } from './backendMemory';
import { useConfigStore } from './configStore';
import { useNoticeStore } from './noticeStore';
import { useQueueStore, type QueuedRun } from './queueStore';
import { lastStepOf, type Run } from './run';
import { newRunId, useRunsStore } from './runsStore';

type LabPhase = 'starting' | 'measuring' | 'ready' | 'failed';

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
  /** Cores the browser reports (navigator.hardwareConcurrency): at most this many runs at once. */
  cores: number;
  /** TRIAL_BUDGET_MS and START_WAIT_MS, shorter in tests. */
  trialBudgetMs?: number;
  startWaitMs?: number;
}

export interface RunClock {
  startedAt: number;
  pausedAt: number | null;
  pausedMs: number;
}

/** A run on a worker now. */
export interface ActiveRun {
  clock: RunClock;
  paused: boolean;
  /** The step a paused run holds at, once its worker says it holds still. */
  heldAt: number | null;
}

export interface LabState {
  backendChoice: BackendChoice;
  backend: BackendStatus | null;
  /** The skills base model's scores, measured when the lab connects. */
  base: BaseModelReport | null;
  /** The text base model's, measured once the config first turns to the text scenario. */
  textBase: BaseModelReport | null;
  phase: LabPhase;
  message: string | null;
  /** Runs in progress, by run id, in the order they started. */
  active: Record<string, ActiveRun>;
  /** How many runs may go at once on this backend. */
  parallel: number;
  /** tfjs tensors alive in a worker after its last run: should not grow run to run. */
  workerTensors: number | null;
  connect: (choice: BackendChoice) => Promise<void>;
  /** Forgets this browser's remembered measurement and times the backends again. */
  remeasure: () => Promise<void>;
  /** Scores a scenario's base model in the first worker, unless it has been (the skills one is at connect). */
  measureBase: (scenario: ScenarioName) => Promise<void>;
  /** Queues the edited config (it starts at once if a worker is free), or a re-run of a shared run. */
  start: (options?: { verifies?: string }) => Promise<void>;
  /** Queues runs (a sweep), and lets the queue go on. */
  enqueue: (items: QueuedRun[]) => void;
  /** Lets a held queue go on. */
  runQueue: () => void;
  pause: () => Promise<void>;
  resume: () => Promise<void>;
  /** Stops every run in progress and holds the queue. */
  stop: () => Promise<void>;
  /** Stops one run in progress. */
  stopRun: (id: string) => Promise<void>;
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

/** How many runs go at once: one per core on the CPU backends (at most 4); one on a GPU, which they would only share. */
export function parallelRuns(backend: BackendName, cores: number): number {
  return backend === 'wasm' || backend === 'cpu' ? Math.max(1, Math.min(4, Math.floor(cores))) : 1;
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

/** Resolves after `ms`, or never when ms is Infinity. */
const after = (ms: number) => new Promise<'late'>((resolve) => Number.isFinite(ms) && setTimeout(() => resolve('late'), ms));

/** A worker of the pool: ready once its backend and the base model are loaded; busy while it runs one run. */
interface Slot {
  conn: WorkerConnection;
  ready: Promise<boolean>;
  runId: string | null;
}

export function createLabStore(openWorker: () => WorkerConnection, env: LabEnvironment, nameOf: (config: QueuedRun['config']) => string) {
  let slots: Slot[] = [];
  let generation = 0;
  /** Set while backends are timed: cuts the timing short once Start has waited START_WAIT_MS. */
  let cutShort: (() => void) | null = null;
  let connecting: Promise<void> | null = null;
  /** Scenarios whose base model is being scored now. */
  const scoring = new Set<ScenarioName>();

  return create<LabState>((set, get) => {
    const failLab = (message: string) => {
      for (const id of Object.keys(get().active)) {
        useRunsStore.getState().append(id, [{ type: 'error', message: `the training worker failed: ${message}` }]);
        useRunsStore.getState().setStatus(id, 'error');
      }
      set({ phase: 'failed', active: {}, message: `The training worker failed: ${message}. Reload the page, or pick another backend.` });
    };

    /** Opens a worker whose failure, while the lab uses it, fails the lab. */
    const open = (mine: number): WorkerConnection => {
      const conn = openWorker();
      conn.onFailure?.((message) => {
        if (mine === generation && slots.some((s) => s.conn === conn)) failLab(message);
      });
      return conn;
    };

    const closeAll = () => {
      for (const s of slots) s.conn.terminate();
      slots = [];
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
        slots = [...slots, { conn, ready: Promise.resolve(true), runId: null }];
        const work = (async () => {
          const backend = await conn.client.init(name, conn.modelUrl);
          if (backend.name !== name) throw new Error(backend.failures.join('; ') || `${name} did not start`);
          // A single candidate needs no figures to win.
          const trial = timed.length > 1 ? await conn.client.trial(config, TRIAL_STEPS) : null;
          return { backend, trial };
        })();
        const budget = env.trialBudgetMs ?? TRIAL_BUDGET_MS;
        const outcome = await Promise.race([work.then((w) => ({ ok: true as const, ...w }), (err: unknown) => ({ ok: false as const, err })), after(budget), cut]);
        const drop = () => {
          slots = slots.filter((s) => s.conn !== conn);
          conn.terminate();
        };
        if (outcome === 'late' || outcome === 'cut' || !outcome.ok) {
          if (outcome === 'cut') wasCut = true;
          const note =
            outcome === 'late' ? `took over ${budget / 1000} s to start and train` : outcome === 'cut' ? 'cut short: Start was pressed' : `could not start (${outcome.err instanceof Error ? outcome.err.message : String(outcome.err)})`;
          results.push({ name, msPerStep: null, note });
          drop();
          continue;
        }
        const ms = outcome.trial?.msPerStep ?? 0;
        results.push({ name, msPerStep: outcome.trial ? ms : null, firstStepMs: outcome.trial?.firstStepMs, note: outcome.trial ? undefined : 'the only backend worth timing here' });
        if (!best || ms < best.ms) {
          if (best) {
            const loser = best.conn;
            slots = slots.filter((s) => s.conn !== loser);
            loser.terminate();
          }
          best = { conn, backend: outcome.backend, ms };
        } else drop();
      }
      cutShort = null;
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
    };

    const connectTo = async (choice: BackendChoice, mine: number): Promise<void> => {
      const facts = await env.probe();
      const key = memoryKey(facts, env.userAgent);
      let decision: BackendDecision;
      let backend: WorkerBackend;
      let first: WorkerConnection;
      const remembered = choice === 'auto' ? env.memory.recall(key) : null;
      if (choice === 'auto' && !remembered) {
        set({ phase: 'measuring' });
        const measured = await measure(mine, facts);
        if (mine !== generation) return;
        ({ decision, backend, conn: first } = measured);
        if (decision.results.filter((r) => r.msPerStep !== null).length > 1) env.memory.remember(key, decision);
      } else {
        const name: BackendName = remembered ? remembered.name : (choice as BackendName);
        first = open(mine);
        slots = [{ conn: first, ready: Promise.resolve(true), runId: null }];
        backend = await first.client.init(name, first.modelUrl);
        if (mine !== generation) return;
        decision = remembered ?? chosenByHand(backend.name, facts);
        if (backend.name !== name) decision = { ...chosenByHand(backend.name, facts), reason: `fell back: ${backend.failures.join('; ')}` };
      }
      slots = [{ conn: first, ready: Promise.resolve(true), runId: null }];
      set({ backend: { ...decision, ...backend }, parallel: parallelRuns(backend.name, env.cores) });
      const base = await first.client.evaluateBase('skills');
      if (mine !== generation) return;
      set({ base });
      if (useConfigStore.getState().config.scenario === 'text') void get().measureBase('text');
      if (backend.name === 'webgpu' || backend.name === 'webgl') {
        set({ message: 'compiling GPU shaders…' });
        await first.client.warmUp(useConfigStore.getState().config);
        if (mine !== generation) return;
      }
      set({ phase: 'ready', message: null });
      pump();
    };

    /** A free worker, opening one more (up to `parallel`) when every open one is busy. */
    const freeSlot = (): Slot | null => {
      const idle = slots.find((s) => s.runId === null);
      if (idle) return idle;
      const { backend, parallel } = get();
      if (!backend || slots.length >= parallel) return null;
      const mine = generation;
      const conn = open(mine);
      const slot: Slot = { conn, runId: null, ready: Promise.resolve(false) };
      slot.ready = conn.client.init(backend.name, conn.modelUrl).then(
        (b) => b.name === backend.name,
        () => false,
      );
      slots = [...slots, slot];
      return slot;
    };

    /** Starts queued runs on free workers while there are both. */
    const pump = (): void => {
      if (get().phase !== 'ready') return;
      for (;;) {
        if (!useQueueStore.getState().items.length || useQueueStore.getState().held) return;
        const slot = freeSlot();
        if (!slot) return;
        const item = useQueueStore.getState().take();
        if (!item) return;
        slot.runId = item.id;
        void runOn(slot, item);
      }
    };

    const runOn = async (slot: Slot, item: QueuedRun): Promise<void> => {
      const { backend } = get();
      if (!backend) return;
      const runs = useRunsStore.getState();
      const original = item.verifies ? runs.runs.find((r) => r.id === item.verifies) : undefined;
      const startedAt = Date.now();
      runs.add({
        id: item.id,
        name: item.name,
        config: item.config,
        backend: backend.name,
        events: [],
        status: 'running',
        hidden: false,
        startedAt,
        verifies: item.verifies,
        sweep: item.sweep,
      });
      set((s) => ({ active: { ...s.active, [item.id]: { clock: { startedAt, pausedAt: null, pausedMs: 0 }, paused: false, heldAt: null } }, message: null }));
      let message: string | null = null;
      try {
        if (!(await slot.ready)) throw new Error(`a second ${backend.name} worker could not start`);
        const sink = slot.conn.proxy((events: ExperimentEvent[]) => useRunsStore.getState().append(item.id, events));
        const outcome = await slot.conn.client.run(item.config, sink);
        set({ workerTensors: (await slot.conn.client.memory()).numTensors });
        const run = useRunsStore.getState().runs.find((r) => r.id === item.id);
        const last = run?.events.at(-1);
        useRunsStore.getState().setStatus(item.id, outcome === 'done' ? 'done' : outcome === 'error' ? 'error' : 'stopped');
        if (original && run && outcome === 'done') verify(original, run, backend.name);
        message = last?.type === 'error' ? last.message : outcome === 'stopped' && run ? `${run.name} stopped at step ${lastStepOf(run)}` : null;
      } catch (err) {
        message = err instanceof Error ? err.message : String(err);
        useRunsStore.getState().append(item.id, [{ type: 'error', message }]);
        useRunsStore.getState().setStatus(item.id, 'error');
      } finally {
        slot.runId = null;
        set((s) => {
          const active = { ...s.active };
          delete active[item.id];
          return { active, message: message ?? s.message };
        });
        pump();
      }
    };

    /** A control message to a worker; a failure is said, not swallowed. */
    const control = async (call: () => Promise<unknown>, what: string): Promise<void> => {
      try {
        await call();
      } catch (err) {
        useNoticeStore.getState().notify(`Could not ${what} the run: ${err instanceof Error ? err.message : String(err)}`, 'error');
      }
    };
    const slotOf = (runId: string) => slots.find((s) => s.runId === runId);
    const updateActive = (id: string, change: (a: ActiveRun) => ActiveRun) =>
      set((s) => (s.active[id] ? { active: { ...s.active, [id]: change(s.active[id]) } } : s));

    return {
      backendChoice: 'auto',
      backend: null,
      base: null,
      textBase: null,
      phase: 'starting',
      message: null,
      active: {},
      parallel: 1,
      workerTensors: null,

      connect: async (choice) => {
        if (Object.keys(get().active).length) return;
        const mine = ++generation;
        closeAll();
        set({ backendChoice: choice, backend: null, base: null, textBase: null, phase: 'starting', message: null });
        const task = connectTo(choice, mine).catch((err) => {
          if (mine !== generation) return;
          set({ phase: 'failed', message: err instanceof Error ? err.message : String(err) });
        });
        connecting = task;
        await task;
      },

      measureBase: async (scenario) => {
        const known = scenario === 'skills' ? get().base : get().textBase;
        const slot = slots[0];
        if (known || !slot || scoring.has(scenario)) return;
        const mine = generation;
        scoring.add(scenario);
        try {
          const report = await slot.conn.client.evaluateBase(scenario);
          if (mine === generation) set(scenario === 'skills' ? { base: report } : { textBase: report });
        } catch (err) {
          if (mine === generation) useNoticeStore.getState().notify(`Could not score the ${scenario} base model: ${err instanceof Error ? err.message : String(err)}`, 'error');
        } finally {
          scoring.delete(scenario);
        }
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
        if (get().phase !== 'ready') return;
        const original = options.verifies ? useRunsStore.getState().runs.find((r) => r.id === options.verifies) : undefined;
        const config = original ? original.config : useConfigStore.getState().config;
        const name = original ? `re-run of ${original.name}` : nameOf(config);
        get().enqueue([{ id: newRunId(), name, config, verifies: original?.id }]);
      },

      enqueue: (items) => {
        useQueueStore.getState().add(items);
        useQueueStore.getState().setHeld(false);
        pump();
      },

      runQueue: () => {
        useQueueStore.getState().setHeld(false);
        pump();
      },

      pause: async () => {
        const ids = Object.entries(get().active).filter(([, a]) => !a.paused);
        await Promise.all(
          ids.map(async ([id]) => {
            useRunsStore.getState().setStatus(id, 'paused');
            updateActive(id, (a) => ({ ...a, paused: true, heldAt: null, clock: { ...a.clock, pausedAt: Date.now() } }));
            await control(async () => {
              const step = await slotOf(id)!.conn.client.pause();
              updateActive(id, (a) => (a.paused ? { ...a, heldAt: step } : a));
            }, 'pause');
          }),
        );
      },

      resume: async () => {
        const ids = Object.entries(get().active).filter(([, a]) => a.paused);
        await Promise.all(
          ids.map(async ([id]) => {
            useRunsStore.getState().setStatus(id, 'running');
            updateActive(id, (a) => ({
              ...a,
              paused: false,
              heldAt: null,
              clock: { ...a.clock, pausedAt: null, pausedMs: a.clock.pausedAt ? a.clock.pausedMs + Date.now() - a.clock.pausedAt : a.clock.pausedMs },
            }));
            await control(() => slotOf(id)!.conn.client.resume(), 'resume');
          }),
        );
      },

      stop: async () => {
        useQueueStore.getState().setHeld(true);
        await Promise.all(Object.keys(get().active).map((id) => get().stopRun(id)));
      },

      stopRun: async (id) => {
        const slot = slotOf(id);
        if (slot) await control(() => slot.conn.client.stop(), 'stop');
      },
    };
  });
}
