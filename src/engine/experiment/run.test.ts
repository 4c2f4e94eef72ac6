import { withoutTiming } from '../testing/withoutTiming';
import { describe, expect, it } from 'vitest';
import { useBackend, type BackendName } from '../backend/backends';
import { configSchema, type ConfigInput } from '../config/schema';
import { randomCheckpoint } from '../testing/fixtures';
import * as tf from '../tf';
import type { ExperimentEvent } from './events';
import { runExperiment } from './run';

async function collect(input: ConfigInput, backend: BackendName = 'wasm', base = randomCheckpoint()): Promise<ExperimentEvent[]> {
  await useBackend(backend);
  const events: ExperimentEvent[] = [];
  for await (const e of runExperiment(configSchema.parse(input), { backend, base, evalSize: 16 })) events.push(e);
  return events;
}


describe('runExperiment', () => {
  it('streams start, baseline, a step per step, evals every evalEvery steps, and done', async () => {
    const events = await collect({ steps: 7, batchSize: 4, evalEvery: 3 });
    expect(events[0].type).toBe('start');
    expect(events[1].type).toBe('baseline');
    expect(events.filter((e) => e.type === 'step').map((e) => (e as { step: number }).step)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(events.filter((e) => e.type === 'eval').map((e) => (e as { step: number }).step)).toEqual([3, 6, 7]);
    const done = events.at(-1)!;
    expect(done.type).toBe('done');
    const start = events[0] as Extract<ExperimentEvent, { type: 'start' }>;
    expect(start.params.trainable).toBe(start.params.total);
    const lastEval = events.filter((e) => e.type === 'eval').at(-1) as Extract<ExperimentEvent, { type: 'eval' }>;
    expect(Object.keys(lastEval.eval.general).sort()).toEqual(['copy', 'reverse', 'sort', 'successor']);
    expect(lastEval.drift.total).toBeGreaterThan(0);
    expect(Object.keys(lastEval.drift.byLayer)).toContain('h0.attn.q');
  });

  it('reports forgetting and task gain from the baseline and last eval', async () => {
    const events = await collect({ steps: 4, batchSize: 4, evalEvery: 2 });
    const baseline = events.find((e) => e.type === 'baseline') as Extract<ExperimentEvent, { type: 'baseline' }>;
    const last = events.filter((e) => e.type === 'eval').at(-1) as Extract<ExperimentEvent, { type: 'eval' }>;
    const { summary } = events.at(-1) as Extract<ExperimentEvent, { type: 'done' }>;
    expect(summary.taskGain).toBeCloseTo(last.eval.task.acc - baseline.eval.task.acc, 10);
    expect(summary.forgetting).toBeCloseTo(baseline.eval.generalAcc - last.eval.generalAcc, 10);
  });

  for (const backend of ['cpu', 'wasm'] as const) {
    it(`gives identical events for the same config and seed on ${backend}, different ones for another seed`, async () => {
      const config = { steps: 6, batchSize: 4, evalEvery: 3, seed: 5 };
      const a = await collect(config, backend);
      const b = await collect(config, backend);
      const c = await collect({ ...config, seed: 6 }, backend);
      expect(withoutTiming(b)).toEqual(withoutTiming(a));
      expect(withoutTiming(c)).not.toEqual(withoutTiming(a));
    });
  }

  it('scores the base model once per checkpoint: a later run, LoRA or not, gets the very same baseline', async () => {
    const base = randomCheckpoint();
    const baselineOf = (events: ExperimentEvent[]) => withoutTiming(events).find((e) => e.type === 'baseline');
    const timingOf = (events: ExperimentEvent[]) => events.find((e) => e.type === 'baseline')?.timing;
    const first = await collect({ steps: 2, batchSize: 2, evalEvery: 2, task: 'rotate' }, 'wasm', base);
    const again = await collect({ steps: 2, batchSize: 2, evalEvery: 2, task: 'rotate', method: 'lora', seed: 9 }, 'wasm', base);
    // A fresh copy of the checkpoint computes it anew: equal to the cached one.
    const fresh = await collect({ steps: 2, batchSize: 2, evalEvery: 2, task: 'rotate', method: 'lora', seed: 9 }, 'wasm', { ...base });
    expect(baselineOf(again)).toEqual(baselineOf(first));
    // Not scored again: the cached scores come with the time they took then.
    expect(timingOf(again)).toEqual(timingOf(first));
    expect(timingOf(first)?.scoreMs).toBeGreaterThan(0);
    expect(baselineOf(fresh)).toEqual(baselineOf(first));
    // Another task is another baseline.
    const other = await collect({ steps: 2, batchSize: 2, evalEvery: 2, task: 'letters' }, 'wasm', base);
    expect(baselineOf(other)).not.toEqual(baselineOf(first));
  });

  it('stops with an error naming the step when the loss stops being finite', async () => {
    const base = randomCheckpoint();
    base.values['head.bias'] = base.values['head.bias'].map((v, i) => (i === 3 ? Infinity : v));
    const events = await collect({ steps: 5, batchSize: 4 }, 'cpu', base);
    const last = events.at(-1)!;
    expect(last.type).toBe('error');
    expect(last).toMatchObject({ step: 1 });
    expect((last as { message: string }).message).toMatch(/step 1/);
    expect(events.some((e) => e.type === 'done')).toBe(false);
  });

  it('emits only events the event schema accepts (what imports and storage check)', async () => {
    const { eventSchema } = await import('./eventSchema');
    const events = await collect({ steps: 4, batchSize: 4, evalEvery: 2, reg: { kind: 'ewc', strength: 1 }, method: 'lora' });
    expect(events.some((e) => e.type === 'fisher')).toBe(true);
    for (const e of events) expect(eventSchema.safeParse(JSON.parse(JSON.stringify(e))).success, e.type).toBe(true);
  });

  it('stops a run that diverges under a huge learning rate, naming the step', async () => {
    const { readCheckpoint } = await import('../../../scripts/lib/checkpointFiles');
    const events = await collect({ steps: 60, lr: 10, optimizer: 'sgd', clipNorm: 0, evalEvery: 100 }, 'wasm', await readCheckpoint());
    const last = events.at(-1) as Extract<ExperimentEvent, { type: 'error' }>;
    expect(last.type).toBe('error');
    expect(last.step).toBeGreaterThan(1);
    expect(last.message).toContain(`at step ${last.step}`);
    expect(events.filter((e) => e.type === 'step')).toHaveLength(last.step! - 1);
  });

  it('rejects an invalid config with an error naming the key', async () => {
    await useBackend('cpu');
    const events: ExperimentEvent[] = [];
    const bad = { ...configSchema.parse({}), batchSize: 0 };
    for await (const e of runExperiment(bad, { backend: 'cpu', base: randomCheckpoint() })) events.push(e);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'error' });
    expect((events[0] as { message: string }).message).toMatch(/batchSize/);
  });

  it('does not grow the tensor count over 50 steps or across runs', async () => {
    await useBackend('wasm');
    const before = tf.memory().numTensors;
    const counts: number[][] = [];
    for (let run = 0; run < 2; run++) {
      const perStep: number[] = [];
      for await (const e of runExperiment(configSchema.parse({ steps: 50, batchSize: 2, evalEvery: 10 }), {
        backend: 'wasm',
        base: randomCheckpoint(),
        evalSize: 8,
      })) {
        if (e.type === 'step') perStep.push(tf.memory().numTensors);
      }
      counts.push(perStep);
      expect(tf.memory().numTensors).toBe(before);
    }
    // A step's loss is read during the next step, so the count depends on where a step sits
    // between evaluations, but never grows: the first ten steps match the last ten, run after run.
    expect(counts[0].slice(0, 10)).toEqual(counts[0].slice(40, 50));
    expect(counts[1]).toEqual(counts[0]);
    expect(Math.max(...counts[0]) - Math.min(...counts[0])).toBeLessThanOrEqual(1);
  });

  it('frees everything when the consumer stops it early', async () => {
    await useBackend('cpu');
    const before = tf.memory().numTensors;
    const run = runExperiment(configSchema.parse({ steps: 50, batchSize: 2 }), { backend: 'cpu', base: randomCheckpoint(), evalSize: 8 });
    for await (const e of run) if (e.type === 'step' && e.step === 3) break;
    expect(tf.memory().numTensors).toBe(before);
  });
});
