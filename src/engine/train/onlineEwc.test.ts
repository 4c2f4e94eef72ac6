/**
 * Online EWC in a stream (reg.kind=ewc, reg.anchor=stage): at each stage's
 * end the finished task's Fisher, estimated at the weights then, is added to
 * the Fisher so far (γ = 1), and the penalty pulls toward those weights.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { tinyRunEvents } from '../testing/tinyRun';
import { useBackend } from '../backend/backends';
import { configSchema, type ConfigInput } from '../config/schema';
import { pretrainTokens } from '../experiment/pretrain';
import type { EventOf, ExperimentEvent } from '../experiment/events';
import { prepareTraining } from '../experiment/setup';
import { Gpt } from '../model/model';
import { findSkill } from '../scenarios/skills/skills';
import { randomCheckpoint, TINY_DIMS } from '../testing/fixtures';
import * as tf from '../tf';
import { addTaskFisher, estimateFisher, exampleBatches, fisherExamples, normalizeFisher, taskFisherExamples } from './fisher';

beforeAll(async () => {
  await useBackend('cpu');
});

/** Runs a generator to its end, returning its value. */
async function drain<T>(gen: AsyncGenerator<unknown, T>): Promise<T> {
  for (;;) {
    const next = await gen.next();
    if (next.done) return next.value;
  }
}

/** Moves every weight by a seeded pseudo-random amount: a stand-in for a stage of training. */
function nudge(model: Gpt, seed: number) {
  tf.tidy(() => model.theta.assign(tf.add(model.theta, tf.randomUniform([model.layout.size], -0.05, 0.05, 'float32', seed))));
}

const batchesOf = (task: string, n = 6) => exampleBatches(taskFisherExamples(findSkill(task), 1).slice(0, n), TINY_DIMS.context);

describe('online EWC', () => {
  it('sums the Fisher of each finished task, estimated at its stage-end weights, each scaled to mean 1', async () => {
    const model = new Gpt(TINY_DIMS, randomCheckpoint().values);
    const before = tf.memory().numTensors;
    const base = await drain(estimateFisher(model, exampleBatches(fisherExamples(1).slice(0, 8), TINY_DIMS.context)));
    const baseRaw = base.clone();
    const { fisher: normalized } = await normalizeFisher(base);
    const fisher = tf.variable(normalized, false);
    normalized.dispose();

    nudge(model, 11);
    const atStage1 = await drain(estimateFisher(model, batchesOf('letters')));
    await drain(addTaskFisher(fisher, model, batchesOf('letters')));
    nudge(model, 12);
    const atStage2 = await drain(estimateFisher(model, batchesOf('rotate')));
    await drain(addTaskFisher(fisher, model, batchesOf('rotate')));

    // By hand: F_base/mean(F_base) + F_letters(θ1)/mean(F_letters(θ1)) + F_rotate(θ2)/mean(F_rotate(θ2)), each estimated separately.
    const [b, f1, f2, got] = [baseRaw, atStage1, atStage2, fisher].map((t) => t.dataSync() as Float32Array);
    const mean = (xs: Float32Array) => xs.reduce((a, x) => a + x, 0) / xs.length;
    const [mb, m1, m2] = [mean(b), mean(f1), mean(f2)];
    expect(f1.some((x, i) => Math.abs(x / m1 - f2[i] / m2) > 1e-3)).toBe(true);
    let largest = 0;
    got.forEach((x, i) => {
      const hand = b[i] / mb + f1[i] / m1 + f2[i] / m2;
      largest = Math.max(largest, Math.abs(x - hand) / Math.max(Math.abs(hand), 1e-3));
    });
    expect(largest).toBeLessThan(1e-4);
    expect(mean(got)).toBeCloseTo(3, 3);
    tf.dispose([baseRaw, atStage1, atStage2, fisher]);
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });

  it('pulls toward the previous stage’s end with the summed Fisher: (λ/2) Σ F (θ − θ_stage)²', async () => {
    const config = configSchema.parse({ stream: ['letters', 'rotate'], reg: { kind: 'ewc', strength: 3, anchor: 'stage' } });
    const model = new Gpt(TINY_DIMS, randomCheckpoint().values);
    const theta0 = model.theta.clone();
    const fisher = tf.variable(tf.randomUniform([model.layout.size], 0.5, 2, 'float32', 5), false);
    const setup = prepareTraining(model, config, theta0, pretrainTokens(), fisher);
    const penalty = () => tf.tidy(() => setup.penalty!().dataSync()[0]);
    expect(penalty()).toBe(0);

    nudge(model, 21);
    await drain(addTaskFisher(fisher, model, batchesOf('letters', 3)));
    setup.reanchor!();
    const stageEnd = model.theta.dataSync().slice();
    expect(penalty()).toBe(0);
    nudge(model, 22);
    const theta = model.theta.dataSync();
    const f = fisher.dataSync();
    let hand = 0;
    theta.forEach((x, i) => (hand += f[i] * (x - stageEnd[i]) ** 2));
    expect(hand).toBeGreaterThan(0);
    expect(penalty()).toBeCloseTo((3 / 2) * hand, 4);

    setup.dispose();
    tf.dispose([theta0, fisher]);
    model.dispose();
  });
});

const STREAM: ConfigInput = { stream: ['letters', 'rotate', 'encode'], stageSteps: 3, batchSize: 4, evalEvery: 3, liveEvalSize: 4 };


describe('online EWC in a run', () => {
  it('estimates the finished task’s Fisher at each stage boundary, keeps the tensor count flat, and differs from base-anchored EWC only after stage 1', async () => {
    const reg = (anchor: 'base' | 'stage') => ({ ...STREAM, reg: { kind: 'ewc' as const, strength: 100, anchor } });
    await useBackend('wasm');
    const before = tf.memory().numTensors;
    const counts: number[] = [];
    const online = await tinyRunEvents(reg('stage'), (e) => {
      if (e.type === 'stage') counts.push(tf.memory().numTensors);
    });
    expect(online.at(-1)?.type).toBe('done');
    expect(tf.memory().numTensors).toBe(before);
    expect(counts[1]).toBe(counts[0]);
    expect(counts[2]).toBe(counts[0]);
    // The base Fisher's 64 examples, then 64 of letters before stage 2 and 64 of rotate before stage 3.
    const fisherEnds = online.flatMap((e, i) => (e.type === 'fisher' && e.done === e.total ? [online.slice(0, i).filter((x) => x.type === 'step').length] : []));
    expect(fisherEnds).toEqual([0, 3, 6]);
    const based = await tinyRunEvents(reg('base'));
    const losses = (events: ExperimentEvent[]) => events.filter((e): e is EventOf<'step'> => e.type === 'step').map((e) => e.loss);
    expect(losses(online).slice(0, 3)).toEqual(losses(based).slice(0, 3));
    expect(losses(online).slice(3)).not.toEqual(losses(based).slice(3));
  });
});
