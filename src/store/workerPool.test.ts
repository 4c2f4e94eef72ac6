/** The worker pool on its own: opening workers, handing out runs, how many at once. */
import { describe, expect, it } from 'vitest';
import { FakeWorker, fakeWorkers } from './fakeWorker';
import { parallelRuns, WorkerPool, type PoolWorker, type RunSource } from './workerPool';

/** A queue of run ids, as the pool takes from it. */
function queueOf(...ids: string[]): RunSource<{ id: string }> & { ids: string[] } {
  const ids_ = [...ids];
  return { ids: ids_, waiting: () => ids_.length > 0, take: () => (ids_.length ? { id: ids_.shift()! } : undefined) };
}

/** Runs that end when the test says: `going` lists each run's worker as it starts. */
function heldRuns() {
  const going: { id: string; worker: PoolWorker; end: () => void }[] = [];
  const go = (worker: PoolWorker, item: { id: string }) => new Promise<void>((end) => going.push({ id: item.id, worker, end }));
  return { going, go };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('worker pool', () => {
  it('runs one at a time on a GPU, one per core (at most 4) on the CPU backends', () => {
    expect(parallelRuns('webgpu', 8)).toBe(1);
    expect(parallelRuns('webgl', 8)).toBe(1);
    expect(parallelRuns('wasm', 2)).toBe(2);
    expect(parallelRuns('wasm', 16)).toBe(4);
    expect(parallelRuns('cpu', 0)).toBe(1);
  });

  it('hands nothing out before it has a backend, and then only up to its parallel runs', async () => {
    const { open, workers } = fakeWorkers();
    const pool = new WorkerPool(open, 2, () => {});
    const queue = queueOf('a', 'b', 'c');
    const { going, go } = heldRuns();
    pool.handOut(queue, go);
    expect(going).toEqual([]);
    expect(pool.first).toBeNull();

    const first = pool.open();
    pool.settle(first, 'wasm');
    expect(pool.parallel).toBe(2);
    expect(pool.first).toBe(first.client);
    pool.handOut(queue, go);
    // The first worker takes a; a second opens, on the same backend, for b; c waits for a free one.
    expect(going.map((g) => g.id)).toEqual(['a', 'b']);
    expect(queue.ids).toEqual(['c']);
    expect(workers).toHaveLength(2);
    expect(workers[1].calls).toEqual(['init wasm']);
    await going[1].worker.started();
    expect(pool.workerOf('a')).toBe(workers[0]);
    expect(pool.workerOf('b')).toBe(workers[1]);

    // b ends: its worker takes c at once.
    going[1].end();
    await tick();
    expect(going.map((g) => g.id)).toEqual(['a', 'b', 'c']);
    expect(pool.workerOf('b')).toBeUndefined();
    expect(pool.workerOf('c')).toBe(workers[1]);
    expect(workers).toHaveLength(2);
  });

  it('runs one at a time on a GPU backend', () => {
    const { open, workers } = fakeWorkers();
    const pool = new WorkerPool(open, 8, () => {});
    pool.settle(pool.open(), 'webgpu');
    const { going, go } = heldRuns();
    pool.handOut(queueOf('a', 'b'), go);
    expect(going.map((g) => g.id)).toEqual(['a']);
    expect(workers).toHaveLength(1);
  });

  it('opens no worker while nothing waits', () => {
    const { open, workers } = fakeWorkers();
    const pool = new WorkerPool(open, 4, () => {});
    pool.settle(pool.open(), 'wasm');
    const { go } = heldRuns();
    pool.handOut(queueOf('a'), go);
    pool.handOut(queueOf(), go);
    expect(workers).toHaveLength(1);
  });

  it('says when a second worker could not start', async () => {
    const broken = new FakeWorker([]);
    broken.init = async () => ({ name: 'cpu', failures: ['wasm could not start'], model: { dims: { vocabSize: 1, context: 1, dModel: 1, nLayers: 1, nHeads: 1, dFF: 1 }, seenTokens: [] } });
    const opened = [new FakeWorker([]), broken];
    const pool = new WorkerPool(() => ({ client: opened.shift()!, terminate: () => {}, proxy: (fn) => fn, modelUrl: '' }), 2, () => {});
    pool.settle(pool.open(), 'wasm');
    const { going, go } = heldRuns();
    pool.handOut(queueOf('a', 'b'), go);
    await expect(going[0].worker.started()).resolves.toBeUndefined();
    await expect(going[1].worker.started()).rejects.toThrow('a second wasm worker could not start');
  });

  it('reports a failure of a worker it holds, and not of one it dropped or left behind at a reset', () => {
    const { open, workers, terminated, failWorker } = fakeWorkers();
    const failures: string[] = [];
    const pool = new WorkerPool(open, 1, (message) => failures.push(message));
    const a = pool.open();
    const b = pool.open();
    pool.drop(b);
    failWorker(1, 'dropped');
    failWorker(0, 'held');
    expect(failures).toEqual(['held']);
    // Settling on one worker terminates any other it holds.
    const c = pool.open();
    pool.settle(a, 'wasm');
    expect(terminated).toEqual([workers[1], workers[2]]);
    pool.drop(c);
    expect(terminated).toHaveLength(2);
    pool.reset();
    expect(terminated).toEqual([workers[1], workers[2], workers[0]]);
    expect(pool.first).toBeNull();
    failWorker(0, 'after reset');
    pool.drop(a);
    expect(failures).toEqual(['held']);
    expect(terminated).toHaveLength(3);
  });
});
