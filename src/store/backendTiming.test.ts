/** The backend timing on its own: which backend a choice means here, timed or remembered, and the worker it starts in. */
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../engine/config/schema';
import type { BackendName } from '../engine/backend/names';
import type { BrowserFacts } from '../worker/backendChoice';
import { BackendTiming, backendHeadline, type TimingHooks } from './backendTiming';
import { FakeWorker, fakeWorkers, memoryInMap, softwareOnly, withGpu } from './fakeWorker';
import type { WorkerConnection } from './workerPool';

const threeBackends: BrowserFacts = {
  webgpu: { available: true, fallback: false, description: 'test gpu' },
  webgl: { available: true, software: false, renderer: 'test renderer' },
};

/** A timing over fake workers, and what it asked of its caller. */
function fakeTiming(facts: BrowserFacts, options: { msPerStep?: Partial<Record<BackendName, number>>; never?: BackendName[] } = {}) {
  const fakes = fakeWorkers([], options);
  const memory = memoryInMap();
  const timing = new BackendTiming({ probe: async () => facts, memory, userAgent: 'test', trialBudgetMs: 200 });
  const said: string[] = [];
  const dropped: WorkerConnection[] = [];
  let measured = 0;
  let stale = false;
  const hooks: TimingHooks = {
    open: fakes.open,
    drop: (conn) => void dropped.push(conn),
    stale: () => stale,
    measuring: () => void measured++,
    say: (message) => void said.push(message),
  };
  const droppedWorkers = () => dropped.map((c) => c.client as FakeWorker);
  return { ...fakes, timing, memory, hooks, said, droppedWorkers, measured: () => measured, goStale: () => (stale = true) };
}

const config = defaultConfig();

describe('backend timing', () => {
  it('starts a backend chosen by hand at once, without timing or remembering anything', async () => {
    const t = fakeTiming(withGpu);
    const chosen = await t.timing.choose('webgpu', config, t.hooks);
    expect(t.workers.map((w) => w.calls)).toEqual([['init webgpu']]);
    expect(chosen?.conn.client).toBe(t.workers[0]);
    expect(chosen?.backend.name).toBe('webgpu');
    expect(chosen?.decision).toMatchObject({ name: 'webgpu', reason: 'chosen by hand', results: [] });
    expect(backendHeadline(chosen!.decision)).toBe('Training on WebGPU, as chosen');
    expect(t.measured()).toBe(0);
    expect(t.memory.stored.size).toBe(0);
  });

  it('says so when the chosen backend fell back to another', async () => {
    const t = fakeTiming(withGpu);
    const worker = new FakeWorker([]);
    const init = worker.init.bind(worker);
    worker.init = async () => ({ ...(await init('wasm')), failures: ['webgpu could not start (no adapter)'] });
    const chosen = await t.timing.choose('webgpu', config, { ...t.hooks, open: () => ({ client: worker, terminate: () => {}, proxy: (fn) => fn, modelUrl: '' }) });
    expect(chosen?.decision).toMatchObject({ name: 'wasm', reason: 'fell back: webgpu could not start (no adapter)' });
    expect(backendHeadline(chosen!.decision)).toBe('Training on WASM: the backend asked for could not start');
  });

  it('does not time a lone backend (software GPUs are not worth it), says why, and remembers nothing', async () => {
    const t = fakeTiming(softwareOnly);
    const chosen = await t.timing.choose('auto', config, t.hooks);
    expect(t.measured()).toBe(1);
    expect(t.workers.map((w) => w.calls)).toEqual([['init wasm']]);
    expect(chosen?.decision.reason).toBe(
      'WASM: the only backend worth timing here; WebGPU not timed: its adapter is a software fallback (google swiftshader); WebGL not timed: it renders in software (SwiftShader)',
    );
    // A newcomer reads plain words first; the SwiftShader details are the reason, behind a click.
    expect(backendHeadline(chosen!.decision)).toBe('Training on WASM, the fastest here');
    expect(t.memory.stored.size).toBe(0);
  });

  it('times each candidate in a worker of its own, keeps the fastest, drops the others, and remembers the figures', async () => {
    const t = fakeTiming(threeBackends, { msPerStep: { wasm: 40, webgpu: 14, webgl: 20 } });
    const chosen = await t.timing.choose('auto', config, t.hooks);
    expect(t.workers.map((w) => w.calls)).toEqual([
      ['init wasm', 'trial wasm'],
      ['init webgpu', 'trial webgpu'],
      ['init webgl', 'trial webgl'],
    ]);
    expect(t.said).toEqual([
      'timing WASM: a few training steps (WASM, WebGPU, WebGL)…',
      'timing WebGPU: a few training steps (WASM, WebGPU, WebGL)…',
      'timing WebGL: a few training steps (WASM, WebGPU, WebGL)…',
    ]);
    expect(chosen?.conn.client).toBe(t.workers[1]);
    expect(t.droppedWorkers()).toEqual([t.workers[0], t.workers[2]]);
    expect(chosen?.decision).toMatchObject({ name: 'webgpu', reason: 'WASM 40 ms/step, WebGPU 14 ms/step, WebGL 20 ms/step: WebGPU' });
    expect(backendHeadline(chosen!.decision)).toBe('Training on WebGPU, the fastest here');
    expect([...t.memory.stored.values()]).toEqual([chosen?.decision]);

    // Remembered: the next choice starts the fastest at once; forgotten, it times them again.
    const again = await t.timing.choose('auto', config, t.hooks);
    expect(t.workers[3].calls).toEqual(['init webgpu']);
    expect(again?.decision).toEqual(chosen?.decision);
    await t.timing.forget();
    await t.timing.choose('auto', config, t.hooks);
    expect(t.workers.slice(4).map((w) => w.calls[1])).toEqual(['trial wasm', 'trial webgpu', 'trial webgl']);
  });

  it('gives up on a backend that takes too long', async () => {
    const t = fakeTiming(withGpu, { never: ['webgpu'] });
    const chosen = await t.timing.choose('auto', config, t.hooks);
    expect(chosen?.decision).toMatchObject({ name: 'wasm' });
    expect(chosen?.decision.reason).toMatch(/WebGPU took over 0.2 s to start and train/);
    expect(t.droppedWorkers()).toEqual([t.workers[1]]);
  });

  it('cut short, keeps the fastest so far and times nothing more', async () => {
    const t = fakeTiming(threeBackends, { never: ['webgpu'] });
    t.timing.cutAfter(0)(); // nothing being timed: nothing to cut
    const choosing = t.timing.choose('auto', config, t.hooks);
    await t.endlessTrialBegun;
    t.timing.cutAfter(10);
    const chosen = await choosing;
    expect(chosen?.decision.name).toBe('wasm');
    expect(chosen?.decision.reason).toBe('WASM 50 ms/step; WebGPU cut short: Start was pressed; WebGL not timed: Start was pressed');
    expect(t.workers).toHaveLength(2);
  });

  it('a cut cancelled in time changes nothing', async () => {
    const t = fakeTiming(withGpu, { never: ['webgpu'] });
    const choosing = t.timing.choose('auto', config, t.hooks);
    await t.endlessTrialBegun;
    t.timing.cutAfter(10)();
    expect((await choosing)?.decision.reason).toMatch(/WebGPU took over 0.2 s/);
  });

  it('throws when no backend could start', async () => {
    const t = fakeTiming(softwareOnly);
    const worker = new FakeWorker([]);
    worker.init = async () => {
      throw new Error('wasm binary missing');
    };
    const open = () => ({ client: worker, terminate: () => {}, proxy: <T,>(fn: T) => fn, modelUrl: '' });
    await expect(t.timing.choose('auto', config, { ...t.hooks, open })).rejects.toThrow('no backend could start: WASM could not start (wasm binary missing)');
  });

  it('gives nothing back, and drops what it opened, once the caller has moved on', async () => {
    const t = fakeTiming(withGpu, { never: ['webgpu'] });
    const choosing = t.timing.choose('auto', config, t.hooks);
    await t.endlessTrialBegun;
    t.goStale();
    expect(await choosing).toBeNull();
    expect(t.droppedWorkers()).toEqual([t.workers[1], t.workers[0]]);

    const byHand = fakeTiming(withGpu);
    const starting = byHand.timing.choose('wasm', config, byHand.hooks);
    byHand.goStale();
    expect(await starting).toBeNull();
    expect(byHand.workers).toHaveLength(0);
  });
});
