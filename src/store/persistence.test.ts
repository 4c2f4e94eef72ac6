import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../engine/config/schema';
import type { ExperimentEvent } from '../engine/experiment/events';
import { loadRuns, saveRuns, type KeyValueStore } from './persistence';
import type { Run } from '../runs/run';

function memoryStore(fail?: Error): KeyValueStore & { data: Map<string, unknown>; writes: string[] } {
  const data = new Map<string, unknown>();
  const writes: string[] = [];
  return {
    data,
    get: async (key) => {
      if (fail) throw fail;
      return structuredClone(data.get(key));
    },
    set: async (key, value) => {
      if (fail) throw fail;
      writes.push(key);
      data.set(key, structuredClone(value));
    },
    del: async (key) => {
      data.delete(key);
    },
    writes,
  };
}

const done: ExperimentEvent = {
  type: 'done',
  summary: { taskGain: 1, forgetting: 0.5, taskAcc: 1, generalAcc: 0.5, taskTokenAcc: 1, generalTokenAcc: 0.7, steps: 3, msPerStep: 4, trainableParams: 5 },
};
const run = (id: string, status: Run['status'], events: ExperimentEvent[]): Run => ({
  id,
  name: id,
  config: defaultConfig(),
  backend: 'wasm',
  events,
  status,
  hidden: false,
  startedAt: 1,
});

describe('run persistence', () => {
  it('brings runs back after a reload, a live run as interrupted', async () => {
    const store = memoryStore();
    expect(await saveRuns(store, [run('a', 'done', [done]), run('b', 'running', [{ type: 'step', step: 1, loss: 2, lr: 1e-3 }])])).toBeNull();
    const loaded = await loadRuns(store);
    expect(loaded.runs.map((r) => [r.id, r.status])).toEqual([
      ['a', 'done'],
      ['b', 'interrupted'],
    ]);
    expect(loaded.interrupted).toEqual(['b']);
    expect(loaded.runs[0].events).toEqual([done]);
  });

  it('drops unreadable stored runs and counts them, keeping the rest', async () => {
    const store = memoryStore();
    const stored = [
      run('good', 'done', [done]),
      { id: 'bad', nonsense: true },
      { ...run('badconfig', 'done', [done]), config: { lr: -1 } },
      { ...run('badevent', 'done', []), events: [{ type: 'step', step: 'x' }] },
    ];
    store.data.set('forgetting-lab/runs/v2/index', stored.map((r) => r.id));
    for (const r of stored) store.data.set(`forgetting-lab/runs/v2/run/${r.id}`, r);
    const loaded = await loadRuns(store);
    expect(loaded.runs.map((r) => r.id)).toEqual(['good']);
    expect(loaded.unreadable).toBe(3);
  });

  it('writes only the runs that changed, and forgets deleted ones', async () => {
    const store = memoryStore();
    const saved = new Map<string, Run>();
    const a = run('a', 'done', [done]);
    let b = run('b', 'running', []);
    await saveRuns(store, [a, b], saved);
    store.writes.length = 0;
    b = { ...b, events: [{ type: 'step', step: 1, loss: 1, lr: 1 }] };
    await saveRuns(store, [a, b], saved);
    expect(store.writes).toEqual(['forgetting-lab/runs/v2/run/b']);
    await saveRuns(store, [b], saved);
    expect((await loadRuns(store)).runs.map((r) => r.id)).toEqual(['b']);
    expect(store.data.has('forgetting-lab/runs/v2/run/a')).toBe(false);
  });

  it('reports a full or broken store as a message instead of throwing', async () => {
    const quota = new Error('The quota has been exceeded.');
    quota.name = 'QuotaExceededError';
    expect(await saveRuns(memoryStore(quota), [run('a', 'done', [done])])).toMatch(/storage is full/i);
    expect(await saveRuns(memoryStore(new Error('closed')), [run('a', 'done', [done])])).toMatch(/could not be saved/);
    const loaded = await loadRuns(memoryStore(new Error('no IndexedDB here')));
    expect(loaded.runs).toEqual([]);
    expect(loaded.error).toMatch(/no IndexedDB here/);
  });
});
