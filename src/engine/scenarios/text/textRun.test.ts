/** runExperiment in the text scenario: the same event stream, text's measures in it, every lever running, no tensor left behind. */
import { beforeAll, describe, expect, it } from 'vitest';
import { useBackend } from '../../backend/backends';
import { configSchema, type ConfigInput } from '../../config/schema';
import { eventSchema } from '../../experiment/eventSchema';
import { tinyTextAssets } from '../../testing/textFixtures';
import * as tf from '../../tf';
import type { EventOf, ExperimentEvent } from '../../experiment/events';
import { runExperiment } from '../../experiment/run';
import type { ScenarioAssets } from '../scenario';

beforeAll(async () => {
  await useBackend('wasm');
});

const TEXT: ConfigInput = { scenario: 'text', steps: 6, batchSize: 4, evalEvery: 3, liveEvalSize: 4 };

async function collect(input: ConfigInput, assets: ScenarioAssets = tinyTextAssets(), onEvent?: (e: ExperimentEvent) => void): Promise<ExperimentEvent[]> {
  const events: ExperimentEvent[] = [];
  for await (const e of runExperiment(configSchema.parse({ ...TEXT, ...input }), { ...assets, backend: 'wasm' })) {
    onEvent?.(e);
    events.push(e);
  }
  return events;
}

const done = (events: ExperimentEvent[]) => {
  const last = events.at(-1)!;
  if (last.type !== 'done') throw new Error(`the run ended with ${JSON.stringify(last)}`);
  return last.summary;
};

describe('a text run', () => {
  it('streams the usual events, valid by the schema, with bits per character, samples and their real-word share', async () => {
    const events = await collect({});
    for (const e of events) expect(eventSchema.safeParse(e).success, e.type).toBe(true);
    const baseline = events.find((e): e is EventOf<'baseline'> => e.type === 'baseline')!;
    const evals = events.filter((e): e is EventOf<'eval'> => e.type === 'eval');
    expect(evals.map((e) => e.step)).toEqual([3, 6]);
    expect(Object.keys(baseline.eval.general)).toEqual(['news', 'fiction']);
    expect(baseline.samples.length).toBeGreaterThan(0);
    expect(baseline.eval.realWords).toBeGreaterThanOrEqual(0);
    // Samples at the middle evaluation and the last, each with its real-word share.
    expect(evals.map((e) => Boolean(e.samples))).toEqual([true, true]);
    expect(evals.map((e) => e.eval.realWords !== undefined)).toEqual([true, true]);
    expect([evals[0].evalSize, evals[1].evalSize]).toEqual([4, 6]);
    const summary = done(events);
    const last = evals.at(-1)!.eval;
    expect(summary.forgetting).toBeCloseTo(baseline.eval.generalAcc - last.generalAcc, 12);
    expect(summary.taskGain).toBeCloseTo(last.task.acc - baseline.eval.task.acc, 12);
    expect([summary.taskBpc, summary.generalBpc, summary.realWords]).toEqual([last.task.bpc, last.generalBpc, last.realWords]);
  });

  it('gives identical events for the same config and seed', async () => {
    const strip = (events: ExperimentEvent[]) => events.map((e) => (e.type === 'done' ? { ...e, summary: { ...e.summary, msPerStep: 0 } } : e));
    const assets = tinyTextAssets();
    expect(strip(await collect({ seed: 4 }, assets))).toEqual(strip(await collect({ seed: 4 }, assets)));
  });

  it('runs every lever, each moving the run the way the lever works', async () => {
    const assets = tinyTextAssets();
    const run = async (input: ConfigInput) => {
      const events = await collect({ lr: 3e-3, ...input }, assets);
      const last = events.filter((e): e is EventOf<'eval'> => e.type === 'eval').at(-1)!;
      const firstStep = events.find((e): e is EventOf<'step'> => e.type === 'step')!;
      return { events, summary: done(events), drift: last.drift, firstLr: firstStep.lr, baseline: events.find((e): e is EventOf<'baseline'> => e.type === 'baseline')! };
    };
    const base = await run({});
    // Levers that hold the weights near θ0 move them less than plain fine-tuning at the same learning rate.
    for (const [name, input] of Object.entries({
      l2sp: { reg: { kind: 'l2sp', strength: 10 } },
      ewc: { reg: { kind: 'ewc', strength: 10 } },
      clamp: { reg: { kind: 'clamp', strength: 0.001 } },
      'lr 1e-4': { lr: 1e-4 },
    } satisfies Record<string, ConfigInput>)) {
      const r = await run(input);
      expect(r.drift.total, name).toBeLessThan(base.drift.total);
      if (name === 'ewc') expect(r.events.some((e) => e.type === 'fisher')).toBe(true);
    }
    // LoRA trains fewer parameters; freezing leaves the frozen modules exactly where they were.
    const lora = await run({ method: 'lora', lora: { rank: 2, alpha: 4 } });
    expect(lora.summary.trainableParams).toBeLessThan(base.summary.trainableParams);
    const frozen = await run({ freeze: { embeddings: true, blocks: 1 } });
    expect(frozen.summary.trainableParams).toBeLessThan(base.summary.trainableParams);
    const still = Object.entries(frozen.drift.byLayer).filter(([module]) => /^(wte|wpe|h0\.)/.test(module));
    expect(still.map(([module]) => module)).toEqual(['wte', 'wpe', 'h0.ln1', 'h0.attn.q', 'h0.attn.k', 'h0.attn.v', 'h0.attn.o', 'h0.ln2', 'h0.mlp.up', 'h0.mlp.down']);
    for (const [module, d] of still) expect(d, module).toBe(0);
    // Mixing general prose into every batch keeps general prose better predicted than training on the domain alone.
    const mix = await run({ mix: 0.5 });
    expect(mix.summary.generalBpc!).toBeLessThan(base.summary.generalBpc!);
    // A re-warmed schedule starts below the peak learning rate.
    const rewarm = await run({ schedule: 'rewarm', warmup: 3 });
    expect(rewarm.firstLr).toBeLessThan(base.firstLr);
    // Another domain is another task: the base model scores differently on it.
    const near = await run({ domain: 'near' });
    expect(near.baseline.eval.task.loss).not.toBe(base.baseline.eval.task.loss);
  });

  // Steps 3 and 18 are alike (no evaluation at either, so each has the next loss in flight).
  it('holds as many tensors at step 18 as at step 3, and none are left after two runs', async () => {
    const assets = tinyTextAssets();
    await collect({ steps: 2, evalEvery: 2 }, assets); // the baseline cache and tfjs's own kernels settle
    const before = tf.memory().numTensors;
    const at: Record<number, number> = {};
    for (const input of [{}, { method: 'lora', reg: { kind: 'ewc' } }] as ConfigInput[]) {
      await collect({ steps: 20, evalEvery: 5, ...input }, assets, (e) => {
        if (e.type === 'step' && (e.step === 3 || e.step === 18)) at[e.step] = tf.memory().numTensors;
      });
      expect(at[18]).toBe(at[3]);
      expect(tf.memory().numTensors).toBe(before);
    }
  });
});
