import { eventsOf, tinyRunEvents } from '../testing/tinyRun';
import { withoutTiming } from '../testing/withoutTiming';
import { describe, expect, it } from 'vitest';
import { decodeAdapter } from '../adapters/adapterRecord';
import { useBackend } from '../backend/backends';
import type { ConfigInput } from '../config/schema';
import type { ExperimentEvent } from '../experiment/events';
import { eventSchema } from '../experiment/eventSchema';
import * as tf from '../tf';

const STREAM: ConfigInput = {
  stream: ['letters', 'rotate', 'encode'],
  stageSteps: 4,
  batchSize: 4,
  evalEvery: 2,
  liveEvalSize: 4,
  lr: 0.01,
  method: 'lora',
  lora: { rank: 2, alpha: 4 },
};


const evalAt = (events: ExperimentEvent[], step: number) => eventsOf(events, 'eval').find((e) => e.step === step)!.eval;

describe('one LoRA adapter per stage (lora.perStage)', () => {
  it('scores every earlier task with its own adapter: exactly its score at its stage’s end', async () => {
    await useBackend('wasm');
    const before = tf.memory().numTensors;
    const counts: number[] = [];
    const events = await tinyRunEvents({ ...STREAM, lora: { ...STREAM.lora!, perStage: true } }, (e) => {
      if (e.type === 'stage') counts.push(tf.memory().numTensors);
    });
    expect(events.at(-1)?.type).toBe('done');
    expect(tf.memory().numTensors).toBe(before);
    // Each finished stage keeps its adapter (two tensors: its LoRA values and the base weights with its rows), nothing else grows.
    expect([counts[1] - counts[0], counts[2] - counts[1]]).toEqual([2, 2]);
    // Full scores (accuracy, per-token accuracy and loss) of letters after stages 1, 2 and 3, and of rotate after 2 and 3: the same numbers.
    const [end1, end2, end3] = [4, 8, 12].map((s) => evalAt(events, s).tasks!);
    expect(end2.letters).toEqual(end1.letters);
    expect(end3.letters).toEqual(end1.letters);
    expect(end3.rotate).toEqual(end2.rotate);
    // Live points mid-stage too: letters with its adapter on its live subset, the same at every later evaluation.
    expect(evalAt(events, 10).tasks!.letters).toEqual(evalAt(events, 6).tasks!.letters);
    const { stream } = eventsOf(events, 'done')[0].summary;
    expect(stream!.perTaskAdapters).toBe(true);
    expect(stream!.matrix[2][0]).toBe(stream!.matrix[0][0]);
    expect(stream!.forgetting).toEqual([0, 0]);
    expect(stream!.bwt).toBe(0);
    // Each stage's event carries its own adapter, a different one each time; and every event is one the schema reads (run files).
    const adapters = eventsOf(events, 'stage').map((s) => s.adapter);
    expect(adapters.every((a) => a !== undefined)).toBe(true);
    expect(new Set(adapters.map((a) => a!.values)).size).toBe(3);
    for (const e of events) expect(eventSchema.safeParse(e).success, e.type).toBe(true);
    expect(decodeAdapter(adapters[0]!).values.length).toBe(decodeAdapter(adapters[2]!).values.length);
  });

  it('starts each stage from a fresh adapter, unlike one shared adapter, which forgets', async () => {
    const shared = await tinyRunEvents(STREAM);
    const perStage = await tinyRunEvents({ ...STREAM, lora: { ...STREAM.lora!, perStage: true } });
    const losses = (events: ExperimentEvent[]) => eventsOf(events, 'step').map((e) => e.loss);
    expect(losses(perStage).slice(0, 4)).toEqual(losses(shared).slice(0, 4));
    expect(losses(perStage)[4]).not.toBe(losses(shared)[4]);
    expect(eventsOf(shared, 'stage').every((s) => s.adapter === undefined)).toBe(true);
    expect(eventsOf(shared, 'done')[0].summary.stream!.perTaskAdapters).toBeUndefined();
    // One shared adapter moves on: letters' full score after stage 3 is not its score after stage 1.
    expect(evalAt(shared, 12).tasks!.letters).not.toEqual(evalAt(shared, 4).tasks!.letters);
  });

  it('is deterministic per seed', async () => {
    const config = { ...STREAM, seed: 5, lora: { ...STREAM.lora!, perStage: true } };
    expect(withoutTiming(await tinyRunEvents(config))).toEqual(withoutTiming(await tinyRunEvents(config)));
  });
});
