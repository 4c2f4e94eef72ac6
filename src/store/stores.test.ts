import { beforeEach, describe, expect, it } from 'vitest';
import { configSchema, defaultConfig } from '../engine/config/schema';
import type { ExperimentEvent } from '../engine/experiment/events';
import { settingsFor, useConfigStore } from './configStore';
import type { BackendName } from '../engine/backend/names';
import type { BrowserFacts } from '../worker/backendChoice';
import { FakeWorker, fakeWorkers, memoryInMap, softwareOnly, withGpu } from './fakeWorker';
import { createLabStore } from './labStore';
import { evalCostsOf, pacePoints } from '../runs/timeLeft';
import { useQueueStore } from './queueStore';
import { settledStatus, summaryOf, type Run } from '../runs/run';
import { useRunsStore } from './runsStore';
import { useViewStore } from './viewStore';
import { useNoticeStore } from './noticeStore';
import { openLink } from './linkSync';

beforeEach(() => {
  useViewStore.getState().setGroups([], []);
  useNoticeStore.setState({ notices: [] });
  useConfigStore.getState().reset();
  useRunsStore.getState().clear();
  useQueueStore.setState({ items: [], held: false });
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

  it('leaves a locked section alone when a preset is applied, and says what it kept', () => {
    openLink('http://localhost/?v=2&task=rotate&steps=60&hide=reg,lora&lock=task,run&preset=mix');
    expect(useConfigStore.getState().config).toMatchObject({ task: 'rotate', steps: 60, mix: 0.25 });
    const kept = useConfigStore.getState().applyPreset('lora');
    const { config } = useConfigStore.getState();
    expect(config.method).toBe('lora');
    expect(config.mix).toBe(0);
    expect(config.task).toBe('rotate');
    expect(config.steps).toBe(60);
    expect(kept.sort()).toEqual(['steps', 'task']);
    // It says what changed and what it kept, nothing more.
    expect(useNoticeStore.getState().notices.at(-1)?.text).toBe(
      'LoRA adapter: set LoRA, mix 0; kept task rotate instead of task letters, 60 steps instead of 150 steps: locked or hidden here.',
    );
    // Applied again, nothing changes, and the notice says so rather than "applied".
    useConfigStore.getState().applyPreset('lora');
    expect(useNoticeStore.getState().notices.at(-1)?.text).toMatch(/^LoRA adapter changed nothing: everything it sets is locked or hidden here \(kept task rotate instead of task letters, 60 steps instead of 150 steps\)\.$/);
    // Unlocked, the same preset applies whole, silently.
    useViewStore.getState().setGroups([], []);
    const before = useNoticeStore.getState().notices.length;
    expect(useConfigStore.getState().applyPreset('lora')).toEqual([]);
    expect(useConfigStore.getState().config).toMatchObject({ task: 'letters', steps: 150 });
    expect(useNoticeStore.getState().notices).toHaveLength(before);
  });

  it('holds a hidden section like a locked one: no edit, preset or scenario switch changes it', () => {
    openLink('http://localhost/?v=3&hide=reg,run&steps=40');
    useConfigStore.getState().set('reg.kind', 'ewc');
    expect(useConfigStore.getState().config.reg.kind).toBe('none');
    expect(useConfigStore.getState().errors).toEqual([{ key: 'reg.kind', message: 'locked or hidden here, so it stays as it is' }]);
    // The regularize preset (key 4) switches EWC on: not behind a hidden section.
    const kept = useConfigStore.getState().applyPreset('regularize');
    expect(kept).toContain('reg.kind');
    expect(useConfigStore.getState().config.reg.kind).toBe('none');
    expect(useNoticeStore.getState().notices.at(-1)?.text).toMatch(/^Pull toward the original weights changed nothing: .*no reg instead of EWC/);
    // Another scenario brings its own run settings, but not into a hidden run section.
    useConfigStore.getState().set('scenario', 'text');
    expect(useConfigStore.getState().config).toMatchObject({ scenario: 'text', steps: 40 });
  });

  it('names the preset a plain address opens on (no "custom settings" for the defaults)', () => {
    for (const href of ['http://localhost:4455/', 'http://localhost:4455/#', 'http://localhost:4455/?']) {
      useNoticeStore.setState({ notices: [] });
      openLink(href);
      expect(useConfigStore.getState().preset).toBe('ignore');
      expect(useNoticeStore.getState().notices).toEqual([]);
    }
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

describe('edits that teach the truth', () => {
  it('keep LoRA\'s scale when the rank moves, unless asked not to', () => {
    const lora = configSchema.parse({ method: 'lora', lora: { rank: 4, alpha: 8 } });
    expect(settingsFor(lora, 'lora.rank', 64, true)).toEqual({ 'lora.rank': 64, 'lora.alpha': 128 });
    expect(settingsFor(lora, 'lora.rank', 64, false)).toEqual({ 'lora.rank': 64 });
    const rs = configSchema.parse({ method: 'lora', lora: { rank: 4, alpha: 8, rslora: true } });
    expect(settingsFor(rs, 'lora.rank', 16, true)).toEqual({ 'lora.rank': 16, 'lora.alpha': 16 });
  });

  it('start a newly chosen regulariser at a strength that means something for it', () => {
    const ewc = configSchema.parse({ reg: { kind: 'ewc', strength: 1 } });
    expect(settingsFor(ewc, 'reg.kind', 'clamp', true)).toEqual({ 'reg.kind': 'clamp', 'reg.strength': 0.006 });
    expect(settingsFor(ewc, 'reg.kind', 'l2sp', true)).toEqual({ 'reg.kind': 'l2sp' });
    const big = configSchema.parse({ reg: { kind: 'ewc', strength: 1e4 } });
    expect(settingsFor(big, 'reg.kind', 'l2sp', true)).toEqual({ 'reg.kind': 'l2sp', 'reg.strength': 1 });
  });

  it('in the store: the rank slider brings alpha along', () => {
    useConfigStore.getState().applyPreset('lora');
    useConfigStore.getState().set('lora.rank', 16);
    expect(useConfigStore.getState().config.lora).toMatchObject({ rank: 16, alpha: 32 });
  });
});

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
  function fakeLab(
    events: ExperimentEvent[],
    options: { facts?: BrowserFacts; msPerStep?: Partial<Record<BackendName, number>>; never?: BackendName[]; cores?: number; gated?: boolean } = {},
  ) {
    const { open, workers, terminated, endlessTrialBegun } = fakeWorkers(events, options);
    const memory = memoryInMap();
    const lab = createLabStore(
      open,
      { probe: async () => options.facts ?? softwareOnly, memory, userAgent: 'test', cores: options.cores ?? 1, trialBudgetMs: 500, startWaitMs: 50 },
      (config) => `mix ${config.mix}`,
    );
    return { lab, workers, terminated, memory, endlessTrialBegun };
  }

  /** Resolves once the runs store satisfies `test` (checked at every change). */
  const runsUntil = (test: (runs: Run[]) => boolean) =>
    new Promise<void>((resolve) => {
      if (test(useRunsStore.getState().runs)) return resolve();
      const stop = useRunsStore.subscribe((s) => {
        if (!test(s.runs)) return;
        stop();
        resolve();
      });
    });
  const settledRuns = (n: number) => runsUntil((runs) => runs.length >= n && runs.slice(0, n).every((r) => !['running', 'paused'].includes(r.status)));

  it('connects, runs, and files the streamed events under a new run named from its settings', async () => {
    const { lab, workers } = fakeLab([{ type: 'step', step: 1, loss: 1, lr: 1 }, doneEvent]);
    await lab.getState().connect('auto');
    expect(lab.getState().phase).toBe('ready');
    await lab.getState().start();
    await settledRuns(1);
    const [run] = useRunsStore.getState().runs;
    expect(workers[0].calls).toContain('run');
    expect(run.status).toBe('done');
    expect(run.name).toBe('mix 0');
    expect(run.events.at(-1)).toEqual(doneEvent);
    expect(lab.getState().active).toEqual({});
  });

  it('refuses, and says why, a re-run of a shared run whose settings differ from a locked or hidden section', async () => {
    const { lab, workers } = fakeLab([doneEvent]);
    await lab.getState().connect('wasm');
    // A results link under lock=task and hide=reg whose run was made on rotate with EWC.
    openLink('http://localhost/?v=3&lock=task&hide=reg');
    const shared = { ...aRun('shared', [doneEvent], 'done'), name: 'rotate run', origin: 'shared' as const, config: configSchema.parse({ task: 'rotate', reg: { kind: 'ewc', strength: 1 } }) };
    useRunsStore.getState().add(shared);
    await lab.getState().start({ verifies: 'shared' });
    expect(useQueueStore.getState().items).toEqual([]);
    expect(useRunsStore.getState().runs).toHaveLength(1);
    expect(workers[0].calls).not.toContain('run');
    const notice = useNoticeStore.getState().notices.at(-1)!;
    expect(notice.kind).toBe('warning');
    expect(notice.text).toMatch(/^Re-run to verify refused: “rotate run” was made with task rotate instead of task letters, EWC instead of no reg, which are locked or hidden here: a re-run would train other settings than the ones on screen\.$/);
    // Only the hidden section differs: refused all the same (a hidden section is held too).
    useRunsStore.getState().add({ ...shared, id: 'shared2', name: 'ewc run', config: configSchema.parse({ reg: { kind: 'ewc', strength: 1 } }) });
    await lab.getState().start({ verifies: 'shared2' });
    expect(useQueueStore.getState().items).toEqual([]);
    expect(useNoticeStore.getState().notices.at(-1)!.text).toMatch(/“ewc run” was made with EWC/);
    // A sweep's run over a hidden knob is refused the same way, by the same rule.
    lab.getState().enqueue([{ id: 'sweep-1', name: 'reg.strength 10', config: configSchema.parse({ reg: { kind: 'none', strength: 10 } }) }]);
    expect(useQueueStore.getState().items).toEqual([]);
    expect(useNoticeStore.getState().notices.at(-1)!.text).toMatch(/^“reg.strength 10” was not queued: it changes .*, which are locked or hidden here\.$/);
    // With nothing held the same re-run trains.
    useViewStore.getState().setGroups([], []);
    await lab.getState().start({ verifies: 'shared' });
    await settledRuns(3);
    expect(useRunsStore.getState().runs[2]).toMatchObject({ verifies: 'shared', config: { task: 'rotate' } });
  });

  it('runs queued runs on as many workers as the machine has cores, in queue order', async () => {
    const { lab, workers } = fakeLab([doneEvent], { cores: 2, gated: true });
    await lab.getState().connect('wasm');
    expect(lab.getState().parallel).toBe(2);
    const item = (id: string) => ({ id, name: id, config: useConfigStore.getState().config });
    lab.getState().enqueue([item('a'), item('b'), item('c')]);
    await runsUntil((runs) => runs.length === 2);
    expect(Object.keys(lab.getState().active)).toEqual(['a', 'b']);
    expect(useQueueStore.getState().items.map((i) => i.id)).toEqual(['c']);
    expect(workers).toHaveLength(2);
    workers[1].release();
    await runsUntil((runs) => runs.length === 3);
    expect(Object.keys(lab.getState().active)).toEqual(['a', 'c']);
    workers[0].release();
    workers[1].release();
    await settledRuns(3);
    expect(useRunsStore.getState().runs.map((r) => [r.id, r.status])).toEqual([
      ['a', 'done'],
      ['b', 'done'],
      ['c', 'done'],
    ]);
  });

  it('stops the runs in progress and holds the queue; Run queue goes on', async () => {
    const { lab, workers } = fakeLab([doneEvent], { gated: true });
    await lab.getState().connect('wasm');
    const item = (id: string) => ({ id, name: id, config: useConfigStore.getState().config });
    lab.getState().enqueue([item('a'), item('b'), item('c')]);
    await runsUntil((runs) => runs.length === 1);
    useQueueStore.getState().move('c', -1);
    await lab.getState().stop();
    await settledRuns(1);
    expect(useRunsStore.getState().runs[0].status).toBe('stopped');
    expect(useQueueStore.getState()).toMatchObject({ held: true, items: [{ id: 'c' }, { id: 'b' }] });
    expect(lab.getState().message).toMatch(/a stopped at step/);
    useQueueStore.getState().remove('b');
    lab.getState().runQueue();
    await runsUntil((runs) => runs.length === 2);
    workers[0].release();
    await settledRuns(2);
    expect(useRunsStore.getState().runs.map((r) => r.id)).toEqual(['a', 'c']);
    expect(useQueueStore.getState().items).toEqual([]);
  });

  it('does not time a lone backend: software GPUs are not worth it, and it says so', async () => {
    const { lab, workers } = fakeLab([]);
    await lab.getState().connect('auto');
    expect(workers).toHaveLength(1);
    // Ready, it prepares the first run (scores the baseline before Start).
    expect(workers[0].calls).toEqual(['init wasm', 'prepare']);
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
    expect(workers[2].calls).toEqual(['init webgpu', 'warmUp', 'prepare']);
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
    await settledRuns(1);
    expect(lab.getState().backend?.name).toBe('wasm');
    expect(lab.getState().backend?.reason).toMatch(/WebGPU cut short: Start was pressed/);
    expect(workers[0].calls).toContain('run');
  });

  it('scores the config’s scenario’s base model at connect, and another’s once asked, each under its scenario', async () => {
    useConfigStore.getState().set('scenario', 'text');
    const { lab, workers } = fakeLab([]);
    await lab.getState().connect('wasm');
    expect(workers[0].evaluated).toEqual(['text']);
    expect(Object.keys(lab.getState().bases)).toEqual(['text']);
    expect(lab.getState().bases.text?.scenario).toBe('text');
    await lab.getState().measureBase('skills');
    await lab.getState().measureBase('text');
    expect(workers[0].evaluated).toEqual(['text', 'skills']);
    expect(lab.getState().bases.skills?.scenario).toBe('skills');
    // A new connect starts with none, and scores the config's scenario again.
    useConfigStore.getState().set('scenario', 'skills');
    await lab.getState().connect('wasm');
    expect(lab.getState().bases).toEqual({ skills: expect.objectContaining({ scenario: 'skills' }) });
    expect(workers[1].evaluated).toEqual(['skills']);
  });

  it('shows a failed run’s message and stays usable', async () => {
    const { lab } = fakeLab([{ type: 'error', step: 3, message: 'training diverged: the loss became NaN at step 3' }]);
    await lab.getState().connect('wasm');
    await lab.getState().start();
    await settledRuns(1);
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
    const lab = createLabStore(
      () => ({ client: worker, terminate: () => {}, proxy: (fn) => fn, modelUrl: '', onFailure: (handler) => (fail = handler) }),
      { probe: async () => softwareOnly, memory: memoryInMap(), userAgent: 'test', cores: 1 },
      () => 'run',
    );
    void lab.getState().connect('auto');
    await initBegun;
    fail('SyntaxError: unexpected token');
    expect(lab.getState().phase).toBe('failed');
    expect(lab.getState().message).toMatch(/worker failed: SyntaxError/);
  });

  it('keeps the worker’s timing of a live run, and starts the next run of the scenario with the evaluation cost the last one measured', async () => {
    const score = { acc: 0.5, tokenAcc: 0.5, loss: 1 };
    const evaluation = { task: score, general: { sort: score }, generalAcc: 0.5, generalTokenAcc: 0.5 };
    const events: ExperimentEvent[] = [
      { type: 'baseline', eval: evaluation, evalSize: 128, samples: [] },
      ...Array.from({ length: 10 }, (_, i): ExperimentEvent => ({ type: 'step', step: i + 1, loss: 1, lr: 1e-3 })),
      { type: 'eval', step: 10, eval: evaluation, evalSize: 12, drift: { total: 0, byLayer: {} } },
      doneEvent,
    ];
    const { lab, workers } = fakeLab(events, { gated: true });
    await lab.getState().connect('wasm');
    const config = useConfigStore.getState().config;
    lab.getState().enqueue([{ id: 'a', name: 'a', config }]);
    await runsUntil((runs) => runs[0]?.events.length === events.length);
    // The fake worker stamps its events 10 ms apart.
    const stamps = events.map((_, i) => 10 * i);
    expect(lab.getState().active.a).toMatchObject({ pace: pacePoints(events, stamps), evalCosts: null });
    // Re-estimated as the batch came: six steady steps 10 ms apart.
    expect(lab.getState().active.a.timeLeft.left).toMatchObject({ known: true, stepsPerSec: 100 });
    workers[0].release();
    await settledRuns(1);
    lab.getState().enqueue([{ id: 'b', name: 'b', config }]);
    await runsUntil((runs) => runs.length === 2);
    const measured = evalCostsOf(pacePoints(events, stamps), config);
    expect(measured).toEqual({ liveMs: 10, liveSize: 12, samplesMs: 10 });
    expect(lab.getState().active.b.evalCosts).toEqual(measured);
    workers[0].release();
    await settledRuns(2);
  });
});
