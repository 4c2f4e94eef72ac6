import { describe, expect, it } from 'vitest';
import { useBackend } from '../backend/backends';
import { configSchema, type ConfigInput } from '../config/schema';
import type { EventOf, ExperimentEvent } from '../experiment/events';
import { runExperiment } from '../experiment/run';
import { randomCheckpoint } from '../testing/fixtures';
import type { AdapterFields } from './adapterRecord';
import { runFromStart } from './mergedStart';
import type { StartAdapter } from './startSpec';
import { adapterFingerprint, parseStartEntry, startEntry } from './startSpec';

const base = randomCheckpoint();

/** The run's events, all of them or (`until`) up to that event's type: leaving the loop stops the run (its finally frees what it made). */
async function collect(run: AsyncGenerator<ExperimentEvent>, until?: ExperimentEvent['type']): Promise<ExperimentEvent[]> {
  const events: ExperimentEvent[] = [];
  for await (const e of run) {
    events.push(e);
    if (e.type === until) break;
  }
  return events;
}

const configOf = (input: ConfigInput) => configSchema.parse({ steps: 2, batchSize: 8, evalEvery: 2, lr: 0.02, ...input });
const baselineOf = (events: ExperimentEvent[]) => (events.find((e) => e.type === 'baseline') as EventOf<'baseline'>).eval;

let trained: Promise<{ adapter: AdapterFields; last: EventOf<'eval'>['eval']; shipped: EventOf<'baseline'>['eval'] }> | null = null;
/** A short LoRA run on letters (once per file): its adapter, its last scores and the shipped base's. */
function lettersAdapter() {
  trained ??= (async () => {
    await useBackend('wasm');
    const events = await collect(runExperiment(configOf({ method: 'lora', steps: 6, evalEvery: 6, lr: 0.05, task: 'letters' }), { backend: 'wasm', base }));
    const adapter = (events.find((e) => e.type === 'adapter') as EventOf<'adapter'>).adapter;
    const last = (events.filter((e) => e.type === 'eval').at(-1) as EventOf<'eval'>).eval;
    return { adapter, last, shipped: baselineOf(events) };
  })();
  return trained;
}

describe('a run that starts from merged adapters', () => {
  it('names adapters by a fingerprint of their values, and reads start entries back', async () => {
    const { adapter } = await lettersAdapter();
    const id = adapterFingerprint(adapter);
    expect(id).toMatch(/^[0-9a-f]{16}$/);
    expect(adapterFingerprint({ ...adapter })).toBe(id);
    expect(adapterFingerprint({ ...adapter, alpha: adapter.alpha * 2 })).not.toBe(id);
    expect(parseStartEntry(startEntry(id, 0.5))).toEqual({ id, weight: 0.5 });
    expect(() => parseStartEntry('letters*1')).toThrow(/fingerprint/);
    expect(configSchema.safeParse({ start: ['nope'] }).success).toBe(false);
  });

  it("records its adapters after start, and its baseline is the merged model's (the LoRA run's trained scores), not the shipped base's", async () => {
    const { adapter, last, shipped } = await lettersAdapter();
    const id = adapterFingerprint(adapter);
    const adapters: StartAdapter[] = [{ id, name: 'LoRA letters', adapter }];
    const events = await collect(runFromStart(configOf({ task: 'letters', start: [startEntry(id, 1)] }), { backend: 'wasm', base }, adapters));
    expect(events.map((e) => e.type).slice(0, 3)).toEqual(['start', 'merged', 'baseline']);
    expect(events.at(-1)!.type).toBe('done');
    const merged = events[1] as EventOf<'merged'>;
    expect(merged.adapters).toEqual([{ id, name: 'LoRA letters', weight: 1, adapter }]);
    const before = baselineOf(events);
    // Merged weights and the plugged adapter are the same model up to float rounding.
    expect(before.task.loss).toBeCloseTo(last.task.loss, 3);
    for (const skill of Object.keys(last.general)) expect(before.general[skill].loss).toBeCloseTo(last.general[skill].loss, 3);
    expect(Math.abs(before.task.loss - shipped.task.loss)).toBeGreaterThan(1e-3);
  });

  it('at weight 0 starts from the shipped base exactly; with no start it is runExperiment itself', async () => {
    const { adapter, shipped } = await lettersAdapter();
    const id = adapterFingerprint(adapter);
    const zero = await collect(runFromStart(configOf({ task: 'letters', start: [startEntry(id, 0)] }), { backend: 'wasm', base }, [{ id, name: 'a', adapter }]), 'baseline');
    expect(baselineOf(zero)).toEqual(shipped);
    const plain = await collect(runFromStart(configOf({ task: 'letters' }), { backend: 'wasm', base }, []), 'baseline');
    expect(plain.some((e) => e.type === 'merged')).toBe(false);
    expect(baselineOf(plain)).toEqual(shipped);
  });

  it('says which adapters it lacks, and refuses an adapter whose values are not the ones named', async () => {
    const { adapter } = await lettersAdapter();
    const id = adapterFingerprint(adapter);
    const missing = await collect(runFromStart(configOf({ start: [startEntry(id, 1)] }), { backend: 'wasm', base }, []));
    expect(missing).toHaveLength(1);
    expect(missing[0]).toMatchObject({ type: 'error', message: expect.stringContaining(id) });
    expect((missing[0] as EventOf<'error'>).message).toMatch(/does not hold .* import the run file/);
    const other = { ...adapter, alpha: adapter.alpha + 1 };
    const wrong = await collect(runFromStart(configOf({ start: [startEntry(id, 1)] }), { backend: 'wasm', base }, [{ id, name: 'x', adapter: other }]));
    expect(wrong[0]).toMatchObject({ type: 'error', message: expect.stringMatching(/holds other values/) });
  });
});
