import { beforeAll, describe, expect, it } from 'vitest';
import { useBackend } from '../backend/backends';
import { configSchema, type ConfigInput } from '../config/schema';
import { packBatch } from '../data/batch';
import { Rng } from '../data/rng';
import { BatchSampler, planBatch } from '../data/sampler';
import { GENERAL_SKILLS, TASKS } from '../scenarios/skills/skills';
import { modelInput } from '../model/input';
import { packValues, unpackValues } from '../model/layout';
import { Gpt } from '../model/model';
import { loraScale } from '../model/shapes';
import { paramValues, randomCheckpoint, shiftParam, TINY_DIMS } from '../testing/fixtures';
import * as tf from '../tf';
import { estimateFisher, exampleBatches } from '../train/fisher';
import { Trainer } from '../train/trainer';
import { countTrainableParams } from './paramCount';
import { prepareTraining } from './setup';
import { pretrainTokens } from './pretrain';

beforeAll(async () => {
  await useBackend('cpu');
});

const seen = pretrainTokens();

/** A model, its θ0, a setup for the config, and a trainer, on the tiny random checkpoint. */
function rig(configInput: ConfigInput, fisher?: tf.Tensor1D) {
  const config = configSchema.parse(configInput);
  const base = randomCheckpoint();
  const model = new Gpt(TINY_DIMS, base.values);
  const theta0 = model.theta.clone();
  const original = paramValues(model);
  const setup = prepareTraining(model, config, theta0, seen, fisher);
  const trainer = new Trainer(model, setup, { optimizer: { kind: config.optimizer, weightDecay: config.weightDecay }, clipNorm: config.clipNorm });
  const sampler = new BatchSampler(TASKS[0], GENERAL_SKILLS, new Rng(1));
  const train = (steps: number) => {
    for (let i = 0; i < steps; i++) trainer.step(packBatch(sampler.sample(planBatch(8, config.mix)), TINY_DIMS.context, 'answer'), config.lr).dispose();
  };
  const probe = packBatch(sampler.sample(planBatch(4, 0.5)), TINY_DIMS.context, 'answer');
  const input = modelInput(probe.inputs, 4, TINY_DIMS.context, TINY_DIMS);
  const dispose = () => {
    trainer.dispose();
    setup.dispose();
    model.dispose();
    tf.dispose([theta0, input.selector]);
  };
  return { config, base, model, theta0, original, setup, trainer, train, input, dispose };
}

const maxAbsDiff = (a: tf.Tensor, b: tf.Tensor) => tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]);
const largestChange = (a: Float32Array, b: Float32Array) => a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0);

describe('LoRA', () => {
  it('starts as a no-op: the adapted model gives the base outputs exactly', () => {
    const r = rig({ method: 'lora', lora: { rank: 4 } });
    const plain = new Gpt(TINY_DIMS, r.base.values);
    const [a, b] = tf.tidy(() => [r.model.logits(r.input), plain.logits(r.input)].map((t) => tf.keep(t)));
    expect(maxAbsDiff(a, b)).toBe(0);
    tf.dispose([a, b]);
    plain.dispose();
    r.dispose();
  });

  it('uses alpha/rank, or alpha/sqrt(rank) with rsLoRA', () => {
    expect(loraScale({ rank: 4, alpha: 8, rslora: false })).toBe(2);
    expect(loraScale({ rank: 4, alpha: 8, rslora: true })).toBe(4);
  });

  it('merged weights W0 + s·BA give the same outputs as the adapted model', () => {
    const r = rig({ method: 'lora', lr: 1e-2, lora: { rank: 2, targets: ['q', 'v', 'up', 'down'] } });
    r.train(5);
    // W = W0 + s·(BA)ᵀ, each module's delta added onto its weight segment.
    const flat = Float32Array.from(r.model.theta.dataSync());
    tf.tidy(() => {
      for (const [name, delta] of r.model.lora!.deltas()) {
        const segment = r.model.layout.byName.get(name)!;
        delta.dataSync().forEach((d, i) => (flat[segment.offset + i] += d));
      }
    });
    const merged = new Gpt(TINY_DIMS, unpackValues(r.model.layout, r.model.placements, flat));
    const unchanged = new Gpt(TINY_DIMS, r.base.values);
    const [a, b, c] = tf.tidy(() => [r.model.logits(r.input), merged.logits(r.input), unchanged.logits(r.input)].map((t) => tf.keep(t)));
    expect(maxAbsDiff(a, c)).toBeGreaterThan(1e-3); // training really moved the outputs
    expect(maxAbsDiff(a, b)).toBeLessThan(1e-4);
    tf.dispose([a, b, c]);
    merged.dispose();
    unchanged.dispose();
    r.dispose();
  });

  it('changes only adapter weights and the embedding rows of tokens the base never saw', () => {
    const r = rig({ method: 'lora', lr: 1e-2, weightDecay: 0.1, lora: { rank: 2, newTokens: true } });
    r.train(4);
    const after = paramValues(r.model);
    for (const [name, v] of Object.entries(after)) {
      if (name !== 'wte.weight') {
        expect(largestChange(v, r.original[name]), name).toBe(0);
        continue;
      }
      const d = TINY_DIMS.dModel;
      const rows = Array.from({ length: TINY_DIMS.vocabSize }, (_, t) => largestChange(v.subarray(t * d, (t + 1) * d), r.original[name].subarray(t * d, (t + 1) * d)));
      for (const t of seen) expect(rows[t], `seen token ${t}`).toBe(0);
      // The letters task's tokens are new: some of their rows moved.
      expect(Math.max(...rows)).toBeGreaterThan(0);
    }
    r.dispose();
  });

  it('keeps the off-diagonal blocks of the fused q/k/v adapter at zero', () => {
    const r = rig({ method: 'lora', lr: 1e-2, weightDecay: 0.1, lora: { rank: 2, targets: ['q', 'v'] } });
    r.train(4);
    const mask = r.model.lora!.mask!;
    const values = r.model.lora!.theta.dataSync();
    expect(mask.some((m) => m === 0)).toBe(true);
    mask.forEach((m, i) => {
      if (m === 0) expect(values[i]).toBe(0);
    });
    expect(values.some((v, i) => mask[i] === 1 && v !== 0)).toBe(true);
    r.dispose();
  });

  it('trains exactly as many parameters as the page counts: the adapters plus new-token rows', () => {
    const cases: Array<{ rank: number; targets?: Array<'q' | 'k' | 'v' | 'o' | 'up' | 'down'>; newTokens?: boolean }> = [
      { rank: 3, targets: ['q', 'down'] },
      { rank: 2 },
      { rank: 5, targets: ['k', 'v', 'o'], newTokens: false },
    ];
    for (const lora of cases) {
      const r = rig({ method: 'lora', lora });
      const newRows = lora.newTokens === false ? 0 : TINY_DIMS.vocabSize - seen.length;
      expect(countTrainableParams(r.config, TINY_DIMS, seen)).toBe(r.setup.trainableCount);
      expect(r.setup.trainableCount - newRows * TINY_DIMS.dModel).toBe(r.model.lora!.trainableCount);
      r.dispose();
    }
  });
});

describe('freezing', () => {
  it('leaves frozen embeddings and blocks untouched while the rest trains', () => {
    const r = rig({ lr: 1e-2, freeze: { embeddings: true, blocks: 1 } });
    r.train(3);
    for (const [name, v] of Object.entries(paramValues(r.model))) {
      const moved = largestChange(v, r.original[name]);
      const frozen = name.startsWith('wte') || name.startsWith('wpe') || name.startsWith('h0.');
      if (frozen) expect(moved, name).toBe(0);
      else if (name.endsWith('.weight')) expect(moved, name).toBeGreaterThan(0);
    }
    expect(countTrainableParams(r.config, TINY_DIMS, seen)).toBe(r.setup.trainableCount);
    r.dispose();
  });
});

describe('regularisers', () => {
  const penaltyAndGradient = (r: ReturnType<typeof rig>) => {
    const { value, grads } = tf.variableGrads(r.setup.penalty!, [r.model.theta]);
    const g = unpackValues(r.model.layout, r.model.placements, grads[r.model.theta.name].dataSync() as Float32Array);
    const out = { penalty: value.dataSync()[0], grad: g };
    tf.dispose([value, ...Object.values(grads)]);
    return out;
  };

  it('L2-SP penalty and its gradient equal (λ/2)Σ(θ−θ0)² and λ(θ−θ0)', () => {
    const r = rig({ reg: { kind: 'l2sp', strength: 0.7 } });
    const shift = shiftParam(r.model, 'h1.mlp.up.weight', (i) => ((i % 7) - 3) * 0.01);
    const { penalty, grad } = penaltyAndGradient(r);
    expect(penalty).toBeCloseTo((0.7 / 2) * shift.reduce((s, x) => s + x * x, 0), 6);
    shift.forEach((x, i) => expect(grad['h1.mlp.up.weight'][i]).toBeCloseTo(0.7 * x, 6));
    expect(largestChange(grad['h0.attn.q.weight'], new Float32Array(grad['h0.attn.q.weight'].length))).toBe(0);
    r.dispose();
  });

  it('EWC penalty and its gradient equal (λ/2)ΣF(θ−θ0)² and λF(θ−θ0)', () => {
    const model = new Gpt(TINY_DIMS, randomCheckpoint().values);
    const fisher = tf.tidy(() => tf.add(tf.abs(tf.mul(model.theta, 3)), 0.5) as tf.Tensor1D);
    const f = unpackValues(model.layout, model.placements, fisher.dataSync() as Float32Array)['h0.attn.k.weight'];
    model.dispose();
    const r = rig({ reg: { kind: 'ewc', strength: 2 } }, fisher);
    const shift = shiftParam(r.model, 'h0.attn.k.weight', (i) => ((i % 5) - 2) * 0.02);
    const { penalty, grad } = penaltyAndGradient(r);
    expect(penalty).toBeCloseTo((2 / 2) * shift.reduce((s, x, i) => s + f[i] * x * x, 0), 5);
    shift.forEach((x, i) => expect(grad['h0.attn.k.weight'][i]).toBeCloseTo(2 * f[i] * x, 5));
    fisher.dispose();
    r.dispose();
  });

  it('EWC on LoRA weighs each adapted module\'s change s·(BA)ᵀ by that weight\'s Fisher', () => {
    const model = new Gpt(TINY_DIMS, randomCheckpoint().values);
    const fisher = tf.tidy(() => tf.add(tf.abs(tf.mul(model.theta, 5)), 0.1) as tf.Tensor1D);
    model.dispose();
    const r = rig({ method: 'lora', lr: 1e-2, lora: { rank: 2, targets: ['v', 'up'], newTokens: false }, reg: { kind: 'ewc', strength: 3 } }, fisher);
    r.train(3);
    const f = fisher.dataSync();
    let hand = 0;
    tf.tidy(() => {
      for (const [name, delta] of r.model.lora!.deltas()) {
        const segment = r.model.layout.byName.get(name)!;
        delta.dataSync().forEach((d, i) => (hand += f[segment.offset + i] * d * d));
      }
    });
    expect(hand).toBeGreaterThan(0);
    expect(tf.tidy(() => r.setup.penalty!().dataSync()[0])).toBeCloseTo((3 / 2) * hand, 5);
    fisher.dispose();
    r.dispose();
  });

  it('estimates the empirical Fisher as the mean of squared per-example gradients', async () => {
    const model = new Gpt(TINY_DIMS, randomCheckpoint().values);
    const examples = [0, 1, 2].map((i) => new BatchSampler(null, GENERAL_SKILLS, new Rng(40 + i)).sample({ general: 1, replay: 0, task: 0 })[0]);
    const gen = estimateFisher(model, exampleBatches(examples, TINY_DIMS.context));
    let result: tf.Tensor1D | undefined;
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
      const probs = tf.tidy(() => tf.softmax(model.logits(modelInput(b.inputs, 1, b.length, TINY_DIMS))).arraySync() as number[][]);
      const g = new Float64Array(TINY_DIMS.vocabSize);
      probs.forEach((row, t) => {
        if (!b.mask[t]) return;
        row.forEach((p, k) => (g[k] += (k === b.targets[t] ? 1 : 0) - p));
      });
      g.forEach((x, k) => (expected[k] += (x * x) / examples.length));
    }
    const got = unpackValues(model.layout, model.placements, result!.dataSync() as Float32Array)['head.bias'];
    expected.forEach((x, k) => expect(got[k]).toBeCloseTo(x, 4));
    result!.dispose();
    model.dispose();
  });

  it('clamp keeps every trained parameter within δ of θ0', () => {
    const delta = 0.003;
    const r = rig({ lr: 0.05, reg: { kind: 'clamp', strength: delta } });
    r.train(4);
    const largest = Math.max(...Object.entries(paramValues(r.model)).map(([name, v]) => largestChange(v, r.original[name])));
    expect(largest).toBeLessThanOrEqual(delta * (1 + 1e-5));
    expect(largest).toBeGreaterThan(delta * 0.5); // at lr 0.05 the bound is reached
    r.dispose();
  });

  it('packs and unpacks the checkpoint parameters without loss', () => {
    const values = randomCheckpoint().values;
    const model = new Gpt(TINY_DIMS, values);
    const back = unpackValues(model.layout, model.placements, packValues(model.layout, model.placements, values));
    for (const [name, v] of Object.entries(values)) expect(back[name]).toEqual(v);
    model.dispose();
  });
});
