/**
 * The lab's live state: which backend runs and why, the base models' scores,
 * and the runs in progress. A thin store over two plain modules: the backend
 * timing (backendTiming.ts) chooses the backend and its first worker, and the
 * worker pool (workerPool.ts) hands each queued run (queueStore.ts) to a free
 * worker, as many at once as the backend allows. The store turns the workers'
 * event batches into runs in the runs store, and pauses, resumes and stops them.
 */
import { create } from 'zustand';
import type { ScenarioName } from '../engine/scenarios/names';
import { compareWithShared, toSharedRun } from '../share/results';
import type { BackendChoice, BackendDecision } from '../worker/backendChoice';
import type { AskRequest, BaseModelReport, EventBatch, LabWorkerApi, RunWeights, WorkerBackend } from '../worker/protocol';
import type { AskResult } from '../engine/eval/askModel';
import { useRunWeightsStore } from './runWeightsStore';
import { BackendTiming, type TimingEnvironment } from './backendTiming';
import { useConfigStore } from './configStore';
import { useNoticeStore } from './noticeStore';
import { useQueueStore, type QueuedRun } from './queueStore';
import { lastStepOf, type Run } from '../runs/run';
import { knownAdapters } from '../runs/adapterLibrary';
import { parseStartEntry, type StartAdapter } from '../engine/adapters/startSpec';
import type { ExperimentConfig } from '../engine/config/schema';
import { estimateTimeLeft, evalCostsOf, pacePoints, type EvalCosts, type PacePoint } from '../runs/timeLeft';
import { NOT_YET_SHOWN, showTimeLeft, type ShownTimeLeft } from '../runs/countdown';
import { newRunId, useRunsStore } from './runsStore';
import { runsWithinHeld } from './heldRuns';
import { WorkerPool, type PoolWorker, type RunSource, type WorkerConnection } from './workerPool';

type LabPhase = 'starting' | 'measuring' | 'ready' | 'failed';

/** The backend the lab runs on: the decision, with the figures behind it, and the worker's facts. */
type BackendStatus = BackendDecision & WorkerBackend;

/** What the lab needs from the browser, injectable for tests. */
export interface LabEnvironment extends TimingEnvironment {
  /** Cores the browser reports (navigator.hardwareConcurrency): at most this many runs at once. */
  cores: number;
  /** START_WAIT_MS, shorter in tests. */
  startWaitMs?: number;
}

/** A run on a worker now. */
export interface ActiveRun {
  paused: boolean;
  /** The step a paused run holds at, once its worker says it holds still. */
  heldAt: number | null;
  /** Its steps and evaluations as the worker timed them: the time-left estimate's measure (runs/timeLeft.ts). */
  pace: PacePoint[];
  /** What an evaluation cost in the last finished run of this scenario on this backend, until this run measures its own. */
  evalCosts: EvalCosts | null;
  /** The time left shown, re-estimated at each batch of events (runs/countdown.ts). */
  timeLeft: ShownTimeLeft;
}

export interface LabState {
  backendChoice: BackendChoice;
  backend: BackendStatus | null;
  /** Each scenario's base model scores: the config's scenario's measured when the lab connects, another's when first asked for. */
  bases: Partial<Record<ScenarioName, BaseModelReport>>;
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
  /** Scores a scenario's base model in the first worker, unless it has been. */
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
  /** While the lab waits for Start: has the first worker score the base model as the edited config's runs do, so the next run starts at full pace. */
  prepare: () => void;
  /** Scores a scenario's every ability with adapters plugged in (adapterStore.ts), in the first worker. */
  evaluateAdapters: LabWorkerApi['evaluateAdapters'];
  /** Answers a prompt of one's own in the first worker (between a run's steps, if it runs one). */
  ask: (request: AskRequest) => Promise<AskResult>;
}

/** How much longer a Start pressed while backends are being timed waits for them. */
const START_WAIT_MS = 3_000;

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

/** The adapters a config's `start` names, from those the lab holds (the worker says which are missing). */
function startAdaptersFor(config: ExperimentConfig, runs: readonly Run[]): StartAdapter[] {
  if (!config.start.length) return [];
  const named = new Set(config.start.map((s) => parseStartEntry(s).id));
  return knownAdapters(runs).filter((a) => named.has(a.id));
}

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

export function createLabStore(openWorker: () => WorkerConnection, env: LabEnvironment, nameOf: (config: QueuedRun['config']) => string) {
  const timing = new BackendTiming(env);
  /** Counts connects: what an older one was still doing no longer counts. */
  let generation = 0;
  let connecting: Promise<void> | null = null;
  /** Scenarios whose base model is being scored now. */
  const scoring = new Set<ScenarioName>();
  /** The evaluation cost last measured, by scenario and backend: the next run's time left counts its evaluations from the start. */
  const evalCosts = new Map<string, EvalCosts>();

  return create<LabState>((set, get) => {
    const failLab = (message: string) => {
      for (const id of Object.keys(get().active)) {
        useRunsStore.getState().append(id, [{ type: 'error', message: `the training worker failed: ${message}` }]);
        useRunsStore.getState().setStatus(id, 'error');
      }
      set({ phase: 'failed', active: {}, message: `The training worker failed: ${message}. Reload the page, or pick another backend.` });
    };
    const pool = new WorkerPool(openWorker, env.cores, failLab);
    const setBase = (scenario: ScenarioName, report: BaseModelReport) => set((s) => ({ bases: { ...s.bases, [scenario]: report } }));

    const connectTo = async (choice: BackendChoice, mine: number): Promise<void> => {
      const stale = () => mine !== generation;
      const chosen = await timing.choose(choice, useConfigStore.getState().config, {
        open: () => pool.open(),
        drop: (conn) => pool.drop(conn),
        stale,
        measuring: () => set({ phase: 'measuring' }),
        say: (message) => set({ message }),
      });
      if (!chosen) return;
      const { decision, backend, conn } = chosen;
      pool.settle(conn, backend.name);
      set({ backend: { ...decision, ...backend }, parallel: pool.parallel });
      // The config's scenario's base model first; another's when the config turns to it (lab.ts) or a panel asks.
      const scenario = useConfigStore.getState().config.scenario;
      const report = await conn.client.evaluateBase(scenario);
      if (stale()) return;
      setBase(scenario, report);
      if (backend.name === 'webgpu' || backend.name === 'webgl') {
        set({ message: 'compiling GPU shaders…' });
        await conn.client.warmUp(useConfigStore.getState().config);
        if (stale()) return;
      }
      set({ phase: 'ready', message: null });
      pump();
      get().prepare();
    };

    /** The queue, as the pool takes from it: nothing goes while the lab is not ready or the queue is held. */
    const queue: RunSource<QueuedRun> = {
      waiting: () => get().phase === 'ready' && useQueueStore.getState().items.length > 0 && !useQueueStore.getState().held,
      take: () => useQueueStore.getState().take(),
    };

    /** Runs one queued run on its worker, filing its events under a new run. */
    const runOn = async (worker: PoolWorker, item: QueuedRun): Promise<void> => {
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
      const costKey = `${item.config.scenario}|${backend.name}`;
      set((s) => ({ active: { ...s.active, [item.id]: { paused: false, heldAt: null, pace: [], evalCosts: evalCosts.get(costKey) ?? null, timeLeft: NOT_YET_SHOWN } }, message: null }));
      let message: string | null = null;
      let workerMs = 0;
      let waitedMs = 0;
      try {
        await worker.started();
        const sink = worker.conn.proxy((batch: EventBatch) => {
          useRunsStore.getState().append(item.id, batch.events);
          const points = pacePoints(batch.events, batch.at);
          if (points.length)
            updateActive(item.id, (a) => {
              const pace = [...a.pace, ...points];
              return { ...a, pace, timeLeft: showTimeLeft(a.timeLeft, estimateTimeLeft(pace, item.config, a.evalCosts), points.at(-1)!.at) };
            });
          workerMs = batch.at.at(-1) ?? workerMs;
          waitedMs = batch.waitedMs;
        });
        const onWeights = worker.conn.proxy((snapshot: RunWeights) => useRunWeightsStore.getState().keep(item.id, snapshot));
        const outcome = await worker.conn.client.run(item.config, sink, onWeights, startAdaptersFor(item.config, useRunsStore.getState().runs));
        const measured = evalCostsOf(get().active[item.id]?.pace ?? [], item.config);
        if (measured) evalCosts.set(costKey, measured);
        // For the bench and the browser's performance panel: the run as the worker timed it, against the page's wall time.
        performance.mark?.('lab:run-end', { detail: { id: item.id, workerMs, waitedMs } });
        set({ workerTensors: (await worker.conn.client.memory()).numTensors });
        const run = useRunsStore.getState().runs.find((r) => r.id === item.id);
        const last = run?.events.at(-1);
        useRunsStore.getState().setStatus(item.id, outcome === 'done' ? 'done' : outcome === 'error' ? 'error' : 'stopped');
        if (original && run && outcome === 'done') verify(original, run, backend.name);
        message = last?.type === 'error' ? last.message : outcome === 'stopped' && run ? `${run.name} stopped at step ${lastStepOf(run)}` : null;
      } catch (err) {
        message = messageOf(err);
        useRunsStore.getState().append(item.id, [{ type: 'error', message }]);
        useRunsStore.getState().setStatus(item.id, 'error');
      } finally {
        set((s) => {
          const active = { ...s.active };
          delete active[item.id];
          return { active, message: message ?? s.message };
        });
      }
    };

    /** Starts queued runs on free workers while there are both (and again as each worker comes free). */
    const pump = () => pool.handOut(queue, runOn);

    /** A control message to a worker; a failure is said, not swallowed. */
    const control = async (call: () => Promise<unknown>, what: string): Promise<void> => {
      try {
        await call();
      } catch (err) {
        useNoticeStore.getState().notify(`Could not ${what} the run: ${messageOf(err)}`, 'error');
      }
    };
    const updateActive = (id: string, change: (a: ActiveRun) => ActiveRun) =>
      set((s) => (s.active[id] ? { active: { ...s.active, [id]: change(s.active[id]) } } : s));

    return {
      backendChoice: 'auto',
      backend: null,
      bases: {},
      phase: 'starting',
      message: null,
      active: {},
      parallel: 1,
      workerTensors: null,

      connect: async (choice) => {
        if (Object.keys(get().active).length) return;
        const mine = ++generation;
        pool.reset();
        set({ backendChoice: choice, backend: null, bases: {}, phase: 'starting', message: null });
        const task = connectTo(choice, mine).catch((err) => {
          if (mine !== generation) return;
          set({ phase: 'failed', message: messageOf(err) });
        });
        connecting = task;
        await task;
      },

      measureBase: async (scenario) => {
        const worker = pool.first;
        if (get().bases[scenario] || !worker || scoring.has(scenario)) return;
        const mine = generation;
        scoring.add(scenario);
        try {
          const report = await worker.evaluateBase(scenario);
          if (mine === generation) setBase(scenario, report);
        } catch (err) {
          if (mine === generation) useNoticeStore.getState().notify(`Could not score the ${scenario} base model: ${messageOf(err)}`, 'error');
        } finally {
          scoring.delete(scenario);
        }
      },

      evaluateAdapters: async (scenario, plugs, preview) => {
        const worker = pool.first;
        if (!worker) throw new Error('the lab has not started yet');
        return worker.evaluateAdapters(scenario, plugs, preview);
      },

      remeasure: async () => {
        await timing.forget();
        await get().connect('auto');
      },

      start: async (options = {}) => {
        if (get().phase === 'measuring' || get().phase === 'starting') {
          // Timing backends: wait for it at most START_WAIT_MS more, then go with the fastest so far.
          const cancel = timing.cutAfter(env.startWaitMs ?? START_WAIT_MS);
          await connecting;
          cancel();
        }
        if (get().phase !== 'ready') return;
        const original = options.verifies ? useRunsStore.getState().runs.find((r) => r.id === options.verifies) : undefined;
        const config = original ? original.config : useConfigStore.getState().config;
        const name = original ? `re-run of ${original.name}` : nameOf(config);
        get().enqueue([{ id: newRunId(), name, config, verifies: original?.id }]);
      },

      enqueue: (requested) => {
        const items = runsWithinHeld(requested);
        if (!items.length) return;
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
            updateActive(id, (a) => ({ ...a, paused: true, heldAt: null }));
            await control(async () => {
              const step = await pool.workerOf(id)!.pause();
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
            updateActive(id, (a) => ({ ...a, paused: false, heldAt: null }));
            await control(() => pool.workerOf(id)!.resume(), 'resume');
          }),
        );
      },

      stop: async () => {
        useQueueStore.getState().setHeld(true);
        await Promise.all(Object.keys(get().active).map((id) => get().stopRun(id)));
      },

      prepare: () => {
        const worker = pool.first;
        if (!worker || get().phase !== 'ready' || Object.keys(get().active).length) return;
        // Best effort: a run that then fails says why. The mark tells the bench the worker is ready for Start.
        void worker
          .prepare(useConfigStore.getState().config)
          .then(() => performance.mark?.('lab:prepared'))
          .catch(() => undefined);
      },

      stopRun: async (id) => {
        const worker = pool.workerOf(id);
        if (worker) await control(() => worker.stop(), 'stop');
      },

      ask: async (request) => {
        const worker = pool.first;
        if (!worker || get().phase !== 'ready') throw new Error('the lab has not started yet: wait until the backend is chosen');
        return worker.ask(request);
      },
    };
  });
}
