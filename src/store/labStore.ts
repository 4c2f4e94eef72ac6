/**
 * The lab's live state: which backend runs and why, the base model's scores,
 * and the one run in progress. It owns the worker connection and turns the
 * worker's event batches into runs in the runs store.
 */
import { create } from 'zustand';
import type { BackendChoice } from '../worker/backendChoice';
import type { LabClient } from '../worker/client';
import type { BackendStatus, BaseModelReport } from '../worker/labWorker';
import { useConfigStore } from './configStore';
import { newRunId, useRunsStore } from './runsStore';
import type { ExperimentEvent } from '../engine/experiment/events';
import { lastStepOf, type Run } from './run';
import { compareWithShared, toSharedRun } from '../share/results';
import { useNoticeStore } from './noticeStore';

export type LabPhase = 'starting' | 'ready' | 'running' | 'paused' | 'failed';

export interface WorkerConnection {
  client: LabClient;
  terminate: () => void;
  /** Wraps a callback so the worker can call it (comlink.proxy). */
  proxy: <T extends object>(fn: T) => T;
  modelUrl: string;
  /** Called when the worker itself fails (its code does not load, or it throws outside a call). */
  onFailure?: (handler: (message: string) => void) => void;
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
  connect: (choice: BackendChoice) => Promise<void>;
  /** Starts the edited config, or re-runs a shared run to check it reproduces. */
  start: (options?: { verifies?: string }) => Promise<void>;
  pause: () => void;
  resume: () => void;
  stop: () => void;
}

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

export function createLabStore(openWorker: () => WorkerConnection) {
  let connection: WorkerConnection | null = null;
  let generation = 0;

  return create<LabState>((set, get) => ({
    backendChoice: 'auto',
    backend: null,
    base: null,
    phase: 'starting',
    message: null,
    activeRunId: null,
    clock: null,
    workerTensors: null,

    connect: async (choice) => {
      if (get().phase === 'running' || get().phase === 'paused') return;
      const mine = ++generation;
      connection?.terminate();
      connection = openWorker();
      connection.onFailure?.((message) => {
        if (mine !== generation) return;
        const { activeRunId } = get();
        if (activeRunId) {
          useRunsStore.getState().append(activeRunId, [{ type: 'error', message: `the training worker failed: ${message}` }]);
          useRunsStore.getState().setStatus(activeRunId, 'error');
        }
        set({ phase: 'failed', activeRunId: null, message: `The training worker failed: ${message}. Reload the page, or pick another backend.` });
      });
      set({ backendChoice: choice, backend: null, base: null, phase: 'starting', message: null });
      try {
        const backend = await connection.client.init(choice, connection.modelUrl);
        if (mine !== generation) return;
        set({ backend });
        const base = await connection.client.evaluateBase();
        if (mine !== generation) return;
        set({ base });
        if (backend.name === 'webgpu' || backend.name === 'webgl') {
          set({ message: 'compiling GPU shaders…' });
          await connection.client.warmUp(useConfigStore.getState().config);
          if (mine !== generation) return;
        }
        set({ phase: 'ready', message: null });
      } catch (err) {
        if (mine !== generation) return;
        set({ phase: 'failed', message: err instanceof Error ? err.message : String(err) });
      }
    },

    start: async (options = {}) => {
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

    pause: () => {
      const { phase, activeRunId, clock } = get();
      if (phase !== 'running' || !connection || !activeRunId) return;
      void connection.client.pause();
      useRunsStore.getState().setStatus(activeRunId, 'paused');
      set({ phase: 'paused', clock: clock && { ...clock, pausedAt: Date.now() } });
    },

    resume: () => {
      const { phase, activeRunId, clock } = get();
      if (phase !== 'paused' || !connection || !activeRunId) return;
      void connection.client.resume();
      useRunsStore.getState().setStatus(activeRunId, 'running');
      const pausedMs = clock?.pausedAt ? clock.pausedMs + Date.now() - clock.pausedAt : (clock?.pausedMs ?? 0);
      set({ phase: 'running', clock: clock && { ...clock, pausedAt: null, pausedMs } });
    },

    stop: () => {
      if (!connection || !get().activeRunId) return;
      void connection.client.stop();
    },
  }));
}
