import { beforeAll, describe, expect, it } from 'vitest';
import { useBackend } from '../backend/backends';
import { configSchema, type ConfigInput } from '../config/schema';
import { packBatch } from '../data/batch';
import { Rng } from '../data/rng';
import { BatchSampler, planBatch } from '../data/sampler';
import { GENERAL_SKILLS, TASKS } from '../data/skills';
import { mergedValues, loraScale } from '../model/lora';
import { Gpt } from '../model/model';
import { randomCheckpoint, TINY_DIMS } from '../testing/fixtures';
import * as tf from '../tf';
import { estimateFisher } from '../train/fisher';
import { ewcPenalty, l2spPenalty } from '../train/regularizers';
import { Trainer } from '../train/trainer';
import { countTrainableParams } from './paramCount';
import { prepareTraining } from './setup';
import { pretrainTokens } from './pretrain';

beforeAll(async () => {
  await useBackend('cpu');
});

const seen = pretrainTokens();

/** A model, its θ0 copies, a setup for the config, and a trainer, on the tiny random checkpoint. */
function rig(input: ConfigInput, fisher?: Map<string, tf.Tensor>) {
  const config = configSchema.parse(input);
  const base = randomCheckpoint();
  const model = new Gpt(TINY_DIMS, base.values);
  const original = new Map([...model.params].map(([n, v]) => [n, v.clone()] as [string, tf.Tensor]));
  const setup = prepareTraining(model, config, original, seen, fisher);
  const trainer = new Trainer(model, setup.trainable, { optimizer: { kind: config.optimizer, weightDecay: config.weightDecay }, clipNorm: config.clipNorm }, setup.hooks);
  const sampler = new BatchSampler(TASKS[0], GENERAL_SKILLS, new Rng(1));
  const train = (steps: number) => {
    for (let i = 0; i < steps; i++) trainer.step(packBatch(sampler.sample(planBatch(8, config.mix)), TINY_DIMS.context, 'answer'), config.lr).dispose();
  };
  const ids = tf.tensor2d(packBatch(sampler.sample(planBatch(4, 0.5)), TINY_DIMS.context, 'answer').inputs, [4, TINY_DIMS.context], 'int32');
  const dispose = () => {
    trainer.dispose();
    setup.dispose();
    model.dispose();
    tf.dispose([...original.values(), ids]);
  };
  return { config, base, model, original, setup, trainer, train, ids, dispose };
}

const maxAbsDiff = (a: tf.Tensor, b: tf.Tensor) => tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]);

describe('LoRA', () => {
  it('starts as a no-op: the adapted model gives the base outputs exactly', () => {
    const r = rig({ method: 'lora', lora: { rank: 4 } });
    const plain = new Gpt(TINY_DIMS, r.base.values);
    const [a, b] = tf.tidy(() => [r.model.logits(r.ids), plain.logits(r.ids)].map((t) => tf.keep(t)));
    expect(maxAbsDiff(a, b)).toBe(0);
    tf.dispose([a, b]);
    plain.dispose();
    r.dispose();
  });

  it('uses alpha/rank, or alpha/sqrt(rank) with rsLoRA', () => {
    expect(loraScale({ rank: 4, alpha: 8, rslora: false })).toBe(2);
    expect(loraScale({ rank: 4, alpha: 8, rslora: true })).toBe(4);
  });

  it('merged weights W0 + s·BA give the same outputs as the adapted model', async () => {
    const r = rig({ method: 'lora', lr: 1e-2, lora: { rank: 2, targets: ['q', 'v', 'up', 'down'] } });
    r.train(5);
    const merged = new Gpt(TINY_DIMS, await mergedValues(r.model));
    const [a, b] = tf.tidy(() => [r.model.logits(r.ids), merged.logits(r.ids)].map((t) => tf.keep(t)));
    const changed = new Gpt(TINY_DIMS, r.base.values);
    const c = tf.tidy(() => changed.logits(r.ids));
    expect(maxAbsDiff(a, c)).toBeGreaterThan(1e-3); // training really moved the outputs
    expect(maxAbsDiff(a, b)).toBeLessThan(1e-4);
    tf.dispose([a, b, c]);
    merged.dispose();
    changed.dispose();
    r.dispose();
  });

  it('changes only adapter weights and the embedding rows of tokens the base never saw', () => {
    const r = rig({ method: 'lora', lr: 1e-2, weightDecay: 0.1, lora: { rank: 2, newTokens: true } });
    r.train(4);
    for (const [name, v] of r.model.params) {
      const diff = tf.tidy(() => tf.abs(tf.sub(v, r.original.get(name)!)));
      if (name !== 'wte.weight') expect(tf.max(diff).dataSync()[0], name).toBe(0);
      else {
        const rows = tf.tidy(() => tf.max(diff, 1).dataSync());
        for (let t = 0; t < TINY_DIMS.vocabSize; t++) {
          if (seen.includes(t)) expect(rows[t], `seen token ${t}`).toBe(0);
        }
        // The letters task's tokens are new: some of their rows moved.
        expect(Math.max(...rows)).toBeGreaterThan(0);
      }
      diff.dispose();
    }
    r.dispose();
  });

  it('counts as trainable exactly the adapter matrices plus new-token rows', () => {
    const r = rig({ method: 'lora', lora: { rank: 3, targets: ['q', 'down'] } });
    const adapters = [...r.setup.trainable].filter(([n]) => n.includes('lora_')).reduce((n, [, v]) => n + v.size, 0);
    const newRows = TINY_DIMS.vocabSize - seen.length;
    expect(countTrainableParams(r.config, TINY_DIMS, seen)).toBe(adapters + newRows * TINY_DIMS.dModel);
    expect(adapters).toBe(TINY_DIMS.nLayers * 3 * (2 * TINY_DIMS.dModel + TINY_DIMS.dModel + TINY_DIMS.dFF));
    r.dispose();
  });
});

describe('freezing', () => {
  it('leaves frozen embeddings and blocks untouched while the rest trains', () => {
    const r = rig({ lr: 1e-2, freeze: { embeddings: true, blocks: 1 } });
    r.train(3);
    for (const [name, v] of r.model.params) {
      const moved = maxAbsDiff(v, r.original.get(name)!);
      const frozen = name.startsWith('wte') || name.startsWith('wpe') || name.startsWith('h0.');
      if (frozen) expect(moved, name).toBe(0);
      else if (name.endsWith('.weight')) expect(moved, name).toBeGreaterThan(0);
    }
    expect(countTrainableParams(r.config, TINY_DIMS, seen)).toBe([...r.setup.trainable.values()].reduce((n, v) => n + v.size, 0));
    r.dispose();
  });
});

describe('regularisers', () => {
  it('L2-SP penalty and its gradient equal (λ/2)Σ(θ−θ0)² and λ(θ−θ0)', () => {
    const r = rig({ reg: { kind: 'l2sp', strength: 0.7 } });
    const v = r.model.params.get('h1.mlp.up.weight')!;
    const shift = Float32Array.from({ length: v.size }, (_, i) => ((i % 7) - 3) * 0.01);
    tf.tidy(() => v.assign(tf.add(v, tf.tensor(shift, v.shape))));
    const handPenalty = (0.7 / 2) * shift.reduce((s, x) => s + x * x, 0);
    const penalty = tf.tidy(() => l2spPenalty(r.setup.deltas, 0.7).dataSync()[0]);
    expect(penalty).toBeCloseTo(handPenalty, 6);
    const { grads } = tf.variableGrads(() => l2spPenalty(r.setup.deltas, 0.7), [v]);
    const g = grads[v.name].dataSync();
    shift.forEach((x, i) => expect(g[i]).toBeCloseTo(0.7 * x, 6));
    tf.dispose(Object.values(grads));
    r.dispose();
  });

  it('EWC penalty and its gradient equal (λ/2)ΣF(θ−θ0)² and λF(θ−θ0)', () => {
    const model = new Gpt(TINY_DIMS, randomCheckpoint().values);
    const fisher = new Map([...model.params].map(([n, v]) => [n, tf.tidy(() => tf.add(tf.mul(tf.onesLike(v), 0.5), tf.mul(tf.abs(v), 3)))] as [string, tf.Tensor]));
    model.dispose();
    const r = rig({ reg: { kind: 'ewc', strength: 2 } }, fisher);
    const v = r.model.params.get('h0.attn.k.weight')!;
    const shift = Float32Array.from({ length: v.size }, (_, i) => ((i % 5) - 2) * 0.02);
    tf.tidy(() => v.assign(tf.add(v, tf.tensor(shift, v.shape))));
    const f = fisher.get('h0.attn.k.weight')!.dataSync();
    const handPenalty = (2 / 2) * shift.reduce((s, x, i) => s + f[i] * x * x, 0);
    expect(tf.tidy(() => ewcPenalty(r.setup.deltas, fisher, 2).dataSync()[0])).toBeCloseTo(handPenalty, 5);
    const { grads } = tf.variableGrads(() => ewcPenalty(r.setup.deltas, fisher, 2), [v]);
    const g = grads[v.name].dataSync();
    shift.forEach((x, i) => expect(g[i]).toBeCloseTo(2 * f[i] * x, 5));
    tf.dispose([...Object.values(grads), ...fisher.values()]);
    r.dispose();
  });

  it('estimates the empirical Fisher as the mean of squared per-example gradients', async () => {
    const model = new Gpt(TINY_DIMS, randomCheckpoint().values);
    const examples = [0, 1, 2].map((i) => GENERAL_SKILLS[i].name).map((_, i) => {
      const rng = new Rng(40 + i);
      return new BatchSampler(null, GENERAL_SKILLS, rng).sample({ general: 1, task: 0 })[0];
    });
    const vars = new Map([['head.bias', model.params.get('head.bias')!]]);
    const gen = estimateFisher(model, vars, examples);
    let result;
    const progress: number[] = [];
    for (;;) {
      const next = await gen.next();
      if (next.done) {
        result = next.value;
        break;
      }
      progress.push(next.value.done);
    }
    expect(progress).toEqual([1, 2, 3]);
    // By hand: per-example gradient of Σ_answer log p(target) w.r.t. the head bias is Σ (onehot − softmax).
    const expected = new Float64Array(TINY_DIMS.vocabSize);
    for (const ex of examples) {
      const b = packBatch([ex], TINY_DIMS.context, 'answer');
      const probs = tf.tidy(() => tf.softmax(model.logits(tf.tensor2d(b.inputs, [1, b.length], 'int32'))).arraySync() as number[][]);
      const g = new Float64Array(TINY_DIMS.vocabSize);
      probs.forEach((row, t) => {
        if (!b.mask[t]) return;
        row.forEach((p, k) => (g[k] += (k === b.targets[t] ? 1 : 0) - p));
      });
      g.forEach((x, k) => (expected[k] += (x * x) / examples.length));
    }
    const got = result.get('head.bias')!.dataSync();
    expected.forEach((x, k) => expect(got[k]).toBeCloseTo(x, 4));
    tf.dispose([...result.values()]);
    model.dispose();
  });

  it('clamp keeps every trained parameter within δ of θ0', () => {
    const delta = 0.003;
    const r = rig({ lr: 0.05, reg: { kind: 'clamp', strength: delta } });
    r.train(4);
    let largest = 0;
    for (const [name, v] of r.model.params) largest = Math.max(largest, maxAbsDiff(v, r.original.get(name)!));
    expect(largest).toBeLessThanOrEqual(delta * (1 + 1e-5));
    expect(largest).toBeGreaterThan(delta * 0.5); // at lr 0.05 the bound is reached
    r.dispose();
  });
});
