import { beforeEach, describe, expect, it } from 'vitest';
import { defaultConfig } from '../engine/config/schema';
import type { ExperimentConfig } from '../engine/config/schema';
import type { ExperimentEvent } from '../engine/experiment/events';
import { useConfigStore } from './configStore';
import type { BackendName } from '../engine/backend/backends';
import type { SpeedTrial } from '../engine/experiment/speedTrial';
import type { BackendDecision, BrowserFacts } from '../worker/backendChoice';
import type { BaseModelReport, EventSink, LabWorkerApi, RunOutcome, WorkerBackend } from '../worker/protocol';
import type { BackendMemory } from './backendMemory';
import { createLabStore, runName, runPace } from './labStore';
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
  const dims = { vocabSize: 32, context: 20, dModel: 64, nLayers: 2, nHeads: 4, dFF: 256 };
  const softwareOnly: BrowserFacts = {
    webgpu: { available: true, fallback: true, description: 'google swiftshader' },
    webgl: { available: true, software: true, renderer: 'SwiftShader' },
  };
  const withGpu: BrowserFacts = {
    webgpu: { available: true, fallback: false, description: 'test gpu' },
    webgl: { available: false, software: false, renderer: 'no WebGL2' },
  };

  /** A stand-in worker implementing the protocol: streams the given events per run, times steps as told. */
  class FakeWorker implements LabWorkerApi {
    backend: BackendName = 'wasm';
    calls: string[] = [];
    constructor(
      private readonly events: ExperimentEvent[],
      private readonly msPerStep: Partial<Record<BackendName, number>> = {},
      private readonly never: BackendName[] = [],
    ) {}
    async init(backend: BackendName): Promise<WorkerBackend> {
      this.calls.push(`init ${backend}`);
      this.backend = backend;
      return { name: backend, failures: [], model: { dims, seenTokens: [] } };
    }
    /** Called when a trial that never ends has begun. */
    onEndlessTrial = () => {};
    async trial(): Promise<SpeedTrial> {
      this.calls.push(`trial ${this.backend}`);
      if (this.never.includes(this.backend)) {
        this.onEndlessTrial();
        return new Promise(() => {});
      }
      return { msPerStep: this.msPerStep[this.backend] ?? 50, firstStepMs: 100, steps: 3 };
    }
    async evaluateBase(): Promise<BaseModelReport> {
      return { scores: {}, params: 1, ms: 1 };
    }
    async warmUp(): Promise<number> {
      this.calls.push('warmUp');
      return 0;
    }
    async run(_config: ExperimentConfig, sink: EventSink): Promise<RunOutcome> {
      this.calls.push('run');
      await sink(this.events);
      return this.events.at(-1)?.type === 'done' ? 'done' : 'error';
    }
    async pause() {
      this.calls.push('pause');
      return 0;
    }
    async resume() {
      this.calls.push('resume');
    }
    async stop() {
      this.calls.push('stop');
    }
    async memory() {
      return { numTensors: 0, numBytes: 0 };
    }
  }

  function memoryInMap(): BackendMemory & { stored: Map<string, BackendDecision> } {
    const stored = new Map<string, BackendDecision>();
    return { stored, recall: (k) => stored.get(k) ?? null, remember: (k, d) => void stored.set(k, d), forget: (k) => void stored.delete(k) };
  }

  function fakeLab(events: ExperimentEvent[], options: { facts?: BrowserFacts; msPerStep?: Partial<Record<BackendName, number>>; never?: BackendName[] } = {}) {
    const workers: FakeWorker[] = [];
    let endless = () => {};
    const endlessTrialBegun = new Promise<void>((resolve) => (endless = resolve));
    const terminated: FakeWorker[] = [];
    const memory = memoryInMap();
    const lab = createLabStore(
      () => {
        const worker = new FakeWorker(events, options.msPerStep, options.never);
        worker.onEndlessTrial = endless;
        workers.push(worker);
        return { client: worker, terminate: () => void terminated.push(worker), proxy: (fn) => fn, modelUrl: 'models/base/' };
      },
      { probe: async () => options.facts ?? softwareOnly, memory, userAgent: 'test', trialBudgetMs: 500, startWaitMs: 50 },
    );
    return { lab, workers, terminated, memory, endlessTrialBegun };
  }

  it('connects, runs, and files the streamed events under a new run named after the preset', async () => {
    const { lab, workers } = fakeLab([{ type: 'step', step: 1, loss: 1, lr: 1 }, doneEvent]);
    await lab.getState().connect('auto');
    expect(lab.getState().phase).toBe('ready');
    await lab.getState().start();
    const [run] = useRunsStore.getState().runs;
    expect(workers[0].calls).toContain('run');
    expect(run.status).toBe('done');
    expect(run.name).toBe('#1 ignore');
    expect(run.events.at(-1)).toEqual(doneEvent);
    expect(lab.getState().phase).toBe('ready');
  });

  it('does not time a lone backend: software GPUs are not worth it, and it says so', async () => {
    const { lab, workers } = fakeLab([]);
    await lab.getState().connect('auto');
    expect(workers).toHaveLength(1);
    expect(workers[0].calls).toEqual(['init wasm']);
    expect(lab.getState().backend?.reason).toMatch(/^WASM: the only backend worth timing here; WebGPU not timed: its adapter is a software fallback/);
  });

  it('times each candidate in a worker of its own, keeps the fastest, and remembers it', async () => {
    const { lab, workers, terminated, memory } = fakeLab([], { facts: withGpu, msPerStep: { wasm: 40, webgpu: 14 } });
    await lab.getState().connect('auto');
    expect(workers.map((w) => w.calls.slice(0, 2))).toEqual([
      ['init wasm', 'trial wasm'],
      ['init webgpu', 'trial webgpu'],
    ]);
    expect(terminated).toEqual([workers[0]]);
    expect(lab.getState().backend).toMatchObject({ name: 'webgpu', reason: 'WASM 40 ms/step, WebGPU 14 ms/step: WebGPU; WebGL not timed: no WebGL2' });
    expect(workers[1].calls).toContain('warmUp');
    expect(memory.stored.size).toBe(1);
    // A second page load starts on the remembered backend without timing anything.
    await lab.getState().connect('auto');
    expect(workers[2].calls).toEqual(['init webgpu', 'warmUp']);
    // Measure again forgets it and times both once more.
    await lab.getState().remeasure();
    expect(workers.slice(3).map((w) => w.calls[1])).toEqual(['trial wasm', 'trial webgpu']);
  });

  it('keeps WASM when the GPU is slower', async () => {
    const { lab } = fakeLab([], { facts: withGpu, msPerStep: { wasm: 60, webgpu: 450 } });
    await lab.getState().connect('auto');
    expect(lab.getState().backend?.name).toBe('wasm');
  });

  it('gives up on a backend that takes too long, and on one that Start cut short', async () => {
    const slow = fakeLab([], { facts: withGpu, never: ['webgpu'] });
    await slow.lab.getState().connect('auto');
    expect(slow.lab.getState().backend?.reason).toMatch(/WebGPU took over 0.5 s to start and train/);
    expect(slow.terminated).toContain(slow.workers[1]);

    const { lab, workers, endlessTrialBegun } = fakeLab([doneEvent], { facts: withGpu, never: ['webgpu'] });
    const connecting = lab.getState().connect('auto');
    await endlessTrialBegun;
    expect(lab.getState().phase).toBe('measuring');
    await lab.getState().start(); // waits startWaitMs at most, then runs on what was measured
    await connecting;
    expect(lab.getState().backend?.name).toBe('wasm');
    expect(lab.getState().backend?.reason).toMatch(/WebGPU cut short: Start was pressed/);
    expect(workers[0].calls).toContain('run');
  });

  it('shows a failed run’s message and stays usable', async () => {
    const { lab } = fakeLab([{ type: 'error', step: 3, message: 'training diverged: the loss became NaN at step 3' }]);
    await lab.getState().connect('wasm');
    await lab.getState().start();
    expect(useRunsStore.getState().runs[0].status).toBe('error');
    expect(lab.getState().message).toMatch(/step 3/);
    expect(lab.getState().phase).toBe('ready');
  });

  it('reports a worker that fails instead of waiting for it forever', async () => {
    let fail: (message: string) => void = () => {};
    let initCalled = () => {};
    const initBegun = new Promise<void>((resolve) => (initCalled = resolve));
    const worker = new FakeWorker([]);
    worker.init = () => {
      initCalled();
      return new Promise(() => {});
    };
    const lab = createLabStore(() => ({ client: worker, terminate: () => {}, proxy: (fn) => fn, modelUrl: '', onFailure: (handler) => (fail = handler) }), {
      probe: async () => softwareOnly,
      memory: memoryInMap(),
      userAgent: 'test',
    });
    void lab.getState().connect('auto');
    await initBegun;
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
