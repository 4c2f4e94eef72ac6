import { beforeEach, describe, expect, it } from 'vitest';
import { defaultConfig } from '../engine/config/schema';
import type { ExperimentConfig } from '../engine/config/schema';
import type { ExperimentEvent } from '../engine/experiment/events';
import { useConfigStore } from './configStore';
import { createLabStore, runName, runPace, type WorkerConnection } from './labStore';
import { settledStatus, summaryOf, type Run } from './run';
import { useRunsStore } from './runsStore';

beforeEach(() => {
  useConfigStore.getState().reset();
  useRunsStore.getState().clear();
});

describe('config store', () => {
  it('applies a valid edit and tracks whether the config still equals the preset', () => {
    const store = useConfigStore.getState();
    store.applyPreset('mix');
    expect(useConfigStore.getState().config.mix).toBe(0.25);
    expect(useConfigStore.getState().preset).toBe('mix');
    useConfigStore.getState().set('lr', 3e-4);
    expect(useConfigStore.getState().config.lr).toBe(3e-4);
    expect(useConfigStore.getState().preset).toBeNull();
    expect(useConfigStore.getState().basedOn).toBe('mix');
    useConfigStore.getState().set('lr', defaultConfig().lr);
    expect(useConfigStore.getState().preset).toBe('mix');
  });

  it('rejects a bad value by key and keeps the previous value', () => {
    useConfigStore.getState().set('batchSize', 0);
    expect(useConfigStore.getState().config.batchSize).toBe(defaultConfig().batchSize);
    expect(useConfigStore.getState().errors.map((e) => e.key)).toEqual(['batchSize']);
    useConfigStore.getState().set('mix', 0.5);
    expect(useConfigStore.getState().errors).toEqual([]);
  });
});

const doneEvent: ExperimentEvent = {
  type: 'done',
  summary: { taskGain: 0.5, forgetting: 0.2, taskAcc: 0.5, generalAcc: 0.8, taskTokenAcc: 0.6, generalTokenAcc: 0.9, steps: 2, msPerStep: 3, trainableParams: 7 },
};

function aRun(id: string, events: ExperimentEvent[] = [], status: Run['status'] = 'running'): Run {
  return { id, name: id, config: defaultConfig(), backend: 'wasm', events, status, hidden: false, startedAt: 1 };
}

describe('runs store', () => {
  it('adds, appends events, renames, hides and deletes runs', () => {
    const runs = useRunsStore.getState();
    runs.add(aRun('a'));
    runs.append('a', [{ type: 'step', step: 1, loss: 1, lr: 1 }]);
    runs.append('a', [doneEvent]);
    runs.setStatus('a', 'done');
    runs.rename('a', '  my run ');
    runs.rename('a', '   ');
    runs.toggleHidden('a');
    const [run] = useRunsStore.getState().runs;
    expect(run.events.map((e) => e.type)).toEqual(['step', 'done']);
    expect(run.name).toBe('my run');
    expect(run.hidden).toBe(true);
    expect(run.endedAt).toBeTypeOf('number');
    expect(summaryOf(run)?.taskGain).toBe(0.5);
    useRunsStore.getState().remove('a');
    expect(useRunsStore.getState().runs).toEqual([]);
  });

  it('adds imported runs once, however often they are imported', () => {
    useRunsStore.getState().addMany([aRun('x'), aRun('y')]);
    useRunsStore.getState().addMany([aRun('y'), aRun('z')]);
    expect(useRunsStore.getState().runs.map((r) => r.id)).toEqual(['x', 'y', 'z']);
  });

  it('settles a run that was live when the page closed as interrupted', () => {
    expect(settledStatus(aRun('a', [], 'running'))).toBe('interrupted');
    expect(settledStatus(aRun('a', [doneEvent], 'running'))).toBe('done');
    expect(settledStatus(aRun('a', [{ type: 'error', message: 'x' }], 'paused'))).toBe('error');
  });
});

describe('lab store', () => {
  /** A stand-in worker: streams a few events per run, records the calls it got. */
  function fakeWorker(events: ExperimentEvent[]) {
    const calls: string[] = [];
    const connection: WorkerConnection = {
      modelUrl: 'models/base/',
      terminate: () => calls.push('terminate'),
      proxy: (fn) => fn,
      client: {
        init: async () => ({ name: 'wasm', label: 'WASM', reason: 'test', failures: [], model: { dims: { vocabSize: 32, context: 20, dModel: 64, nLayers: 2, nHeads: 4, dFF: 256 }, seenTokens: [] } }),
        evaluateBase: async () => ({ scores: {}, recorded: {}, params: 1, ms: 1 }),
        warmUp: async () => 0,
        run: async (_config: ExperimentConfig, sink: (e: ExperimentEvent[]) => void) => {
          calls.push('run');
          sink(events);
          return events.at(-1)?.type === 'done' ? 'done' : 'error';
        },
        pause: async () => void calls.push('pause'),
        resume: async () => void calls.push('resume'),
        stop: async () => void calls.push('stop'),
        memory: async () => ({ numTensors: 0, numBytes: 0 }),
      } as unknown as WorkerConnection['client'],
    };
    return { connection, calls };
  }

  it('connects, runs, and files the streamed events under a new run named after the preset', async () => {
    const { connection, calls } = fakeWorker([{ type: 'step', step: 1, loss: 1, lr: 1 }, doneEvent]);
    const lab = createLabStore(() => connection);
    await lab.getState().connect('auto');
    expect(lab.getState().phase).toBe('ready');
    await lab.getState().start();
    const [run] = useRunsStore.getState().runs;
    expect(calls).toContain('run');
    expect(run.status).toBe('done');
    expect(run.name).toBe('#1 ignore');
    expect(run.events.at(-1)).toEqual(doneEvent);
    expect(lab.getState().phase).toBe('ready');
  });

  it('shows a failed run’s message and stays usable', async () => {
    const { connection } = fakeWorker([{ type: 'error', step: 3, message: 'training diverged: the loss became NaN at step 3' }]);
    const lab = createLabStore(() => connection);
    await lab.getState().connect('wasm');
    await lab.getState().start();
    expect(useRunsStore.getState().runs[0].status).toBe('error');
    expect(lab.getState().message).toMatch(/step 3/);
    expect(lab.getState().phase).toBe('ready');
  });

  it('reports a worker that fails instead of waiting for it forever', async () => {
    const { connection } = fakeWorker([]);
    let fail: (message: string) => void = () => {};
    connection.onFailure = (handler) => (fail = handler);
    connection.client.init = (() => new Promise(() => {})) as unknown as typeof connection.client.init;
    const lab = createLabStore(() => connection);
    void lab.getState().connect('auto');
    fail('SyntaxError: unexpected token');
    expect(lab.getState().phase).toBe('failed');
    expect(lab.getState().message).toMatch(/worker failed: SyntaxError/);
  });

  it('names edited and custom runs', () => {
    expect(runName(2, 'lora', 'lora')).toBe('#2 lora');
    expect(runName(3, null, 'lora')).toBe('#3 lora (edited)');
    expect(runName(4, null, null)).toBe('#4 custom');
  });

  it('computes steps per second and time left without the paused time', () => {
    const pace = runPace({ startedAt: 0, pausedAt: null, pausedMs: 2000 }, 10, 30, 7000);
    expect(pace!.stepsPerSec).toBeCloseTo(2, 10);
    expect(pace!.etaSec).toBeCloseTo(10, 10);
    expect(runPace(null, 10, 30)).toBeNull();
  });
});
