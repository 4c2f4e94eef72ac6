import { eventsOf, tinyRunEvents } from '../testing/tinyRun';
import { withoutTiming } from '../testing/withoutTiming';
import { describe, expect, it } from 'vitest';
import { useBackend } from '../backend/backends';
import { configSchema, type ConfigInput } from '../config/schema';
import { streamMetrics } from '../stream/streamMetrics';
import * as tf from '../tf';
import type { ExperimentEvent } from './events';

const STREAM: ConfigInput = { stream: ['letters', 'rotate', 'encode'], stageSteps: 4, batchSize: 4, evalEvery: 3, liveEvalSize: 4 };



describe('a stream of tasks', () => {
  it('trains stage after stage, ends each with a full evaluation of every task and a stage event, and sums up the matrix', async () => {
    const events = await tinyRunEvents(STREAM);
    expect(events.at(-1)?.type).toBe('done');
    expect(eventsOf(events, 'step').map((e) => e.step)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    // Every evalEvery steps, and at every stage end.
    expect(eventsOf(events, 'eval').map((e) => e.step)).toEqual([3, 4, 6, 8, 9, 12]);
    const stages = eventsOf(events, 'stage');
    expect(stages.map((s) => [s.stage, s.task, s.step])).toEqual([
      [0, 'letters', 4],
      [1, 'rotate', 8],
      [2, 'encode', 12],
    ]);
    const evals = eventsOf(events, 'eval');
    for (const s of stages) {
      const at = evals.find((e) => e.step === s.step)!;
      expect(at.evalSize).toBe(8);
      expect(Object.keys(at.eval.tasks!)).toEqual(['letters', 'rotate', 'encode']);
      expect(s.row).toEqual({ letters: at.eval.tasks!.letters.acc, rotate: at.eval.tasks!.rotate.acc, encode: at.eval.tasks!.encode.acc });
      expect(at.eval.task).toEqual(at.eval.tasks![s.task]);
    }
    expect(evals.find((e) => e.step === 3)!.evalSize).toBe(4);
    const baseline = eventsOf(events, 'baseline')[0];
    const { summary } = eventsOf(events, 'done')[0];
    const stream = summary.stream!;
    expect(stream.tasks).toEqual(['letters', 'rotate', 'encode']);
    expect(stream.matrix).toEqual(stages.map((s) => [s.row.letters, s.row.rotate, s.row.encode]));
    expect(stream.base).toEqual(['letters', 'rotate', 'encode'].map((t) => baseline.eval.tasks![t].acc));
    const expected = streamMetrics({ base: stream.base, generalBase: baseline.eval.generalAcc, rows: stream.matrix, general: stages.map((s) => s.generalAcc) });
    expect(stream.bwt).toBeCloseTo(expected.bwt!, 12);
    expect(summary.forgetting).toBeCloseTo(expected.meanForgetting, 12);
    expect(summary.taskGain).toBeCloseTo(expected.taskGain, 12);
    expect(summary.steps).toBe(12);
    expect(configSchema.safeParse(eventsOf(events, 'start')[0].config).success).toBe(true);
  });

  it('is deterministic per seed, and another seed or replay changes it', async () => {
    const a = await tinyRunEvents({ ...STREAM, seed: 3 });
    const b = await tinyRunEvents({ ...STREAM, seed: 3 });
    expect(withoutTiming(b)).toEqual(withoutTiming(a));
    const c = await tinyRunEvents({ ...STREAM, seed: 4 });
    expect(withoutTiming(c)).not.toEqual(withoutTiming(a));
    const replayed = await tinyRunEvents({ ...STREAM, seed: 3, replay: 0.5 });
    // The first stage has nothing to replay: the same until the second stage starts.
    const upTo = (events: ExperimentEvent[], step: number) => events.filter((e) => e.type === 'step' && e.step <= step);
    expect(upTo(replayed, 4)).toEqual(upTo(a, 4));
    expect(upTo(replayed, 8)).not.toEqual(upTo(a, 8));
  });

  it('keeps the tensor count flat across stages, with the anchor moved at each stage', async () => {
    await useBackend('wasm');
    const before = tf.memory().numTensors;
    const counts: number[] = [];
    const events = await tinyRunEvents({ ...STREAM, replay: 0.25, reg: { kind: 'l2sp', strength: 0.1, anchor: 'stage' } }, (e) => {
      if (e.type === 'stage') counts.push(tf.memory().numTensors);
    });
    expect(events.at(-1)?.type).toBe('done');
    expect(counts).toHaveLength(3);
    expect(counts[2]).toBe(counts[1]);
    expect(counts[1]).toBe(counts[0]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('anchoring at the stage start differs from anchoring at the base only after the first stage', async () => {
    const reg = (anchor: 'base' | 'stage') => ({ ...STREAM, reg: { kind: 'l2sp' as const, strength: 1, anchor } });
    const atBase = await tinyRunEvents(reg('base'));
    const atStage = await tinyRunEvents(reg('stage'));
    const losses = (events: ExperimentEvent[]) => eventsOf(events, 'step').map((e) => e.loss);
    expect(losses(atStage).slice(0, 4)).toEqual(losses(atBase).slice(0, 4));
    expect(losses(atStage).slice(4)).not.toEqual(losses(atBase).slice(4));
  });

  it('re-warms the learning rate at every stage, or runs one schedule over the stream', async () => {
    const cosine = { ...STREAM, schedule: 'cosine' as const, warmup: 2, lr: 0.01 };
    const rates = (events: ExperimentEvent[]) => eventsOf(events, 'step').map((e) => e.lr);
    const restart = rates(await tinyRunEvents(cosine));
    expect(restart.slice(4, 8)).toEqual(restart.slice(0, 4));
    expect(restart[4]).toBeCloseTo(0.005, 12);
    const whole = rates(await tinyRunEvents({ ...cosine, stageSchedule: 'whole' }));
    expect(whole[4]).toBeLessThan(whole[3]);
    expect(whole[11]).toBeLessThan(whole[4]);
  });

  it('names settings a stream cannot run with instead of running', async () => {
    const mixed = await tinyRunEvents({ ...STREAM, mix: 0.5, replay: 0.5 });
    expect(mixed).toEqual([{ type: 'error', message: expect.stringMatching(/mix \+ replay = 1 leaves no room/) }]);
    const wrong = await tinyRunEvents({ ...STREAM, stream: ['letters', 'code'] });
    expect(wrong.at(-1)).toEqual({ type: 'error', message: expect.stringMatching(/'code' is not a task of the skills scenario/) });
    const lora = await tinyRunEvents({ ...STREAM, method: 'lora', reg: { kind: 'l2sp', anchor: 'stage' } });
    expect(lora).toEqual([{ type: 'error', message: expect.stringMatching(/reg.anchor=stage/) }]);
    expect(configSchema.safeParse({ stream: ['letters', 'letters'] }).success).toBe(false);
  });
});
