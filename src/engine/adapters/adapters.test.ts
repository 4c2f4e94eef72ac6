import { describe, expect, it } from 'vitest';
import { useBackend } from '../backend/backends';
import { configSchema, type ConfigInput } from '../config/schema';
import { packBatch } from '../data/batch';
import { heldOutSet } from '../data/heldout';
import type { EventOf, ExperimentEvent } from '../experiment/events';
import { runExperiment } from '../experiment/run';
import { modelInput } from '../model/input';
import { Gpt } from '../model/model';
import { findSkill } from '../scenarios/skills/skills';
import { skillsScenario } from '../scenarios/skills/skillsScenario';
import { randomCheckpoint } from '../testing/fixtures';
import * as tf from '../tf';
import { adapterKb, adapterParamCount, decodeAdapter, decodeFloats, encodeFloats, type AdapterFields } from './adapterRecord';
import { mergeAdapters } from './merge';
import { PluggedGpt } from './pluggedModel';
import { scorePlugged } from './scorePlugged';

const base = randomCheckpoint();
const assets = { base };

const runs = new Map<string, Promise<ExperimentEvent[]>>();
/** A short LoRA run on wasm (deterministic, as cpu is, and 20× quicker); each config runs once per file. */
function loraRun(input: ConfigInput): Promise<ExperimentEvent[]> {
  const key = JSON.stringify(input);
  if (!runs.has(key)) runs.set(key, runOnce(input));
  return runs.get(key)!;
}

async function runOnce(input: ConfigInput): Promise<ExperimentEvent[]> {
  await useBackend('wasm');
  const events: ExperimentEvent[] = [];
  const config = configSchema.parse({ method: 'lora', steps: 6, batchSize: 8, evalEvery: 6, lr: 0.02, ...input });
  for await (const e of runExperiment(config, { backend: 'wasm', base })) events.push(e);
  return events;
}

const adapterOf = (events: ExperimentEvent[]): AdapterFields => (events.find((e) => e.type === 'adapter') as EventOf<'adapter'>).adapter;
const lastEval = (events: ExperimentEvent[]) => (events.filter((e) => e.type === 'eval').at(-1) as EventOf<'eval'>).eval;

/** Logits of a fixed batch of held-out examples. */
function logitsOf(model: Gpt): Float32Array {
  const examples = heldOutSet(findSkill('rotate'), 8).examples;
  const length = base.manifest.dims.context;
  const batch = packBatch(examples, length, 'answer');
  const input = modelInput(batch.inputs, batch.size, length, base.manifest.dims);
  const out = tf.tidy(() => model.logits(input)).dataSync() as Float32Array;
  input.selector.dispose();
  return Float32Array.from(out);
}

describe('adapters as plugins', () => {
  it('a LoRA run ends with its adapter (before done); a full fine-tune has none', async () => {
    await useBackend('wasm');
    const events = await loraRun({ task: 'letters' });
    const at = events.findIndex((e) => e.type === 'adapter');
    expect(at).toBe(events.length - 2);
    expect(events.at(-1)!.type).toBe('done');
    const adapter = adapterOf(events);
    expect(adapterParamCount(adapter)).toBe(decodeAdapter(adapter).values.length + (adapter.rows ? decodeAdapter(adapter).rows!.delta.length : 0));
    expect(adapterKb(adapter)).toBeCloseTo((adapterParamCount(adapter) * 4) / 1000, 10);
    const full = await loraRun({ task: 'letters', method: 'full' });
    expect(full.some((e) => e.type === 'adapter')).toBe(false);
  });

  it('floats survive base64 exactly', () => {
    const values = Float32Array.from([0, -0, 1.5, -3.25e-8, 3.4e38, Number.MIN_VALUE, 1 / 3]);
    expect(Array.from(decodeFloats(encodeFloats(values)))).toEqual(Array.from(values));
    expect(() => decodeFloats('AAA=')).toThrow(/whole number of float32s/);
  });

  for (const task of ['letters', 'encode'] as const) {
    it(`${task}: unplugged is the base model bitwise, plugged at weight 1 is the trained model (wasm)`, async () => {
      await useBackend('wasm');
      const events = await loraRun({ task });
      const adapter = decodeAdapter(adapterOf(events));
      if (task === 'encode') expect(adapter.rows?.tokens.length).toBeGreaterThan(0); // <enc> is new to the base: its row trains
      const baseScores = (await skillsScenario.scoreBase(assets, { samples: false })).scores;
      const model = new PluggedGpt(base.manifest.dims, base.values);
      try {
        model.plug([{ adapter, weight: 1 }]);
        const on = await skillsScenario.scoreBase(assets, { model, samples: false });
        const trained = lastEval(events);
        // Every answer as the run scored it; the mean loss only to rounding (summed over other batches in another order).
        for (const [skill, score] of [[task, trained.task], ...Object.entries(trained.general)] as const) {
          expect({ ...on.scores[skill], loss: 0 }).toEqual({ ...score, loss: 0 });
          expect(on.scores[skill].loss).toBeCloseTo(score.loss, 8);
        }
        expect(on.scores[task]).not.toEqual(baseScores[task]);
        model.plug([]);
        const off = await skillsScenario.scoreBase(assets, { model, samples: false });
        expect(off.scores).toEqual(baseScores);
        expect(Array.from(logitsOf(model))).toEqual(Array.from(logitsOf(new Gpt(base.manifest.dims, base.values))));
      } finally {
        model.dispose();
      }
    });
  }

  it('two adapters plugged with weights give the forward pass of the weights they merge into (≤ 1e-5)', async () => {
    await useBackend('wasm');
    const letters = decodeAdapter(adapterOf(await loraRun({ task: 'letters' })));
    const encode = decodeAdapter(adapterOf(await loraRun({ task: 'encode', lora: { rank: 2, targets: ['q', 'v', 'down'] }, seed: 3 })));
    const plugs = [
      { adapter: letters, weight: 0.7 },
      { adapter: encode, weight: 1.3 },
    ];
    const plugged = new PluggedGpt(base.manifest.dims, base.values);
    const merged = new Gpt(base.manifest.dims, await mergeAdapters(base.manifest.dims, base.values, plugs));
    const alone = new PluggedGpt(base.manifest.dims, base.values);
    try {
      plugged.plug(plugs);
      alone.plug([plugs[0]]);
      const a = logitsOf(plugged);
      const b = logitsOf(merged);
      const worst = a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0);
      expect(worst).toBeLessThanOrEqual(1e-5);
      // And the second adapter does change the output: the test could fail.
      const c = logitsOf(alone);
      expect(a.reduce((m, v, i) => Math.max(m, Math.abs(v - c[i])), 0)).toBeGreaterThan(1e-3);
    } finally {
      plugged.dispose();
      merged.dispose();
      alone.dispose();
    }
  });

  it('plugging, unplugging and scoring leave no tensors behind', async () => {
    await useBackend('wasm');
    const letters = adapterOf(await loraRun({ task: 'letters' }));
    const encode = adapterOf(await loraRun({ task: 'encode' }));
    await scorePlugged('skills', assets, [{ adapter: letters, weight: 1 }]); // first call makes what lives on (none expected)
    const before = tf.memory().numTensors;
    for (const plugs of [[], [{ adapter: letters, weight: 1 }], [{ adapter: letters, weight: 1 }, { adapter: encode, weight: 0.5 }]]) {
      await scorePlugged('skills', assets, plugs);
    }
    const model = new PluggedGpt(base.manifest.dims, base.values);
    const withModel = tf.memory().numTensors;
    model.plug([{ adapter: decodeAdapter(letters), weight: 1 }, { adapter: decodeAdapter(encode), weight: 2 }]);
    model.plug([{ adapter: decodeAdapter(encode), weight: 1 }]);
    model.unplug();
    expect(tf.memory().numTensors).toBe(withModel);
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('refuses an adapter of another shape and a weight that is not a number, by name', async () => {
    await useBackend('wasm');
    const adapter = decodeAdapter(adapterOf(await loraRun({ task: 'letters' })));
    const model = new PluggedGpt(base.manifest.dims, base.values);
    try {
      const before = tf.memory().numTensors;
      expect(() => model.plug([{ adapter: { ...adapter, rank: adapter.rank + 1 }, weight: 1 }])).toThrow(/holds \d+ values, but rank/);
      expect(() => model.plug([{ adapter, weight: Number.NaN }])).toThrow(/finite number/);
      expect(tf.memory().numTensors).toBe(before);
    } finally {
      model.dispose();
    }
  });
});
