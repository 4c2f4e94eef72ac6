import { beforeAll, describe, expect, it } from 'vitest';
import { useBackend, type BackendName } from '../backend/backends';
import { configSchema, type ConfigInput } from '../config/schema';
import { fittedLength, packBatch, type TokenBatch } from '../data/batch';
import { Rng } from '../data/rng';
import { BatchSampler, planBatch } from '../data/sampler';
import { GENERAL_SKILLS, TASKS } from '../scenarios/skills/skills';
import { pretrainTokens } from '../experiment/pretrain';
import { prepareTraining } from '../experiment/setup';
import { randomCheckpoint, TINY_DIMS } from '../testing/fixtures';
import * as tf from '../tf';
import { autodiffGradients } from '../train/autodiffGradients';
import { trainingTensors } from '../train/batchTensors';
import { writtenOutGradients } from '../train/trainer';
import { Gpt } from './model';

beforeAll(async () => {
  await useBackend('cpu');
});

function sampleBatch(seed: number, size = 4): TokenBatch {
  const examples = new BatchSampler(TASKS[0], GENERAL_SKILLS, new Rng(seed)).sample(planBatch(size, 0.5));
  return packBatch(examples, fittedLength(examples, TINY_DIMS.context), 'answer');
}

/** A model a little way from its initialisation (adapters included), so every gradient is non-trivial. */
/** The tiny model with a tied head, as the text scenario's model has. */
const TIED_DIMS = { ...TINY_DIMS, tiedHead: true };

function perturbedRig(input: ConfigInput, dims = TINY_DIMS) {
  const config = configSchema.parse(input);
  const model = new Gpt(dims, randomCheckpoint(dims).values);
  const theta0 = model.theta.clone();
  const fisher = config.reg.kind === 'ewc' ? tf.tidy(() => tf.add(tf.abs(tf.cos(tf.range(0, model.layout.size))), 0.2) as tf.Tensor1D) : undefined;
  const setup = prepareTraining(model, config, theta0, pretrainTokens(), fisher);
  tf.tidy(() => {
    model.theta.assign(tf.add(model.theta, tf.mul(tf.sin(tf.range(0, model.layout.size)), 0.05)));
    const lora = model.lora;
    if (lora) lora.theta.assign(tf.mul(tf.add(lora.theta, tf.mul(tf.cos(tf.range(0, lora.layout.size)), 0.03)), tf.tensor1d(lora.mask ?? new Float32Array(lora.layout.size).fill(1))));
  });
  const masked = (grads: tf.Tensor[]) => grads.map((g, i) => (setup.packs[i].mask ? tf.mul(g, setup.packs[i].mask!) : g));
  const dispose = () => {
    setup.dispose();
    model.dispose();
    tf.dispose([theta0, ...(fisher ? [fisher] : [])]);
  };
  return { model, setup, masked, dispose };
}

const worstRelative = (a: tf.Tensor, b: tf.Tensor) => {
  const x = a.dataSync();
  const y = b.dataSync();
  let scale = 0;
  let diff = 0;
  for (let i = 0; i < x.length; i++) {
    scale = Math.max(scale, Math.abs(y[i]));
    diff = Math.max(diff, Math.abs(x[i] - y[i]));
  }
  return { diff: diff / Math.max(scale, 1e-12), scale };
};

describe('written-out gradients', () => {
  const configs: Array<[string, ConfigInput]> = [
    ['full fine-tuning', {}],
    ['frozen embeddings and first block', { freeze: { embeddings: true, blocks: 1 } }],
    ['L2-SP', { reg: { kind: 'l2sp', strength: 3 } }],
    ['EWC', { reg: { kind: 'ewc', strength: 2 } }],
    ['LoRA on every module, new-token rows', { method: 'lora', lora: { rank: 2 } }],
    ['LoRA on q, v and down, with EWC', { method: 'lora', lora: { rank: 3, targets: ['q', 'v', 'down'], newTokens: false }, reg: { kind: 'ewc', strength: 1 } }],
    ['LoRA with L2-SP and rsLoRA', { method: 'lora', lora: { rank: 2, targets: ['k', 'o', 'up'], rslora: true }, reg: { kind: 'l2sp', strength: 2 } }],
  ];
  const tied: Array<[string, ConfigInput]> = [
    ['tied head, full fine-tuning', {}],
    ['tied head, frozen embeddings (the head with them) and first block', { freeze: { embeddings: true, blocks: 1 } }],
    ['tied head, both blocks frozen (only the embeddings and the head train)', { freeze: { blocks: 2 } }],
    ['tied head, LoRA with new-token rows and EWC', { method: 'lora', lora: { rank: 2 }, reg: { kind: 'ewc', strength: 1 } }],
  ];
  for (const [name, input, dims] of [...configs.map(([n, c]) => [n, c, TINY_DIMS] as const), ...tied.map(([n, c]) => [n, c, TIED_DIMS] as const)]) {
    it(`equal tfjs's own differentiation of the same forward pass: ${name}`, () => {
      const r = perturbedRig(input, dims);
      tf.tidy(() => {
        const batch = sampleBatch(3);
        const fast = writtenOutGradients(r.model, r.setup, trainingTensors(batch, r.model.dims));
        const reference = autodiffGradients(r.model, r.setup, batch);
        expect(Math.abs(fast.loss.dataSync()[0] - reference.loss.dataSync()[0])).toBeLessThan(1e-6);
        const [a, b] = [r.masked(fast.grads), r.masked(reference.grads)];
        a.forEach((g, i) => {
          const { diff, scale } = worstRelative(g, b[i]);
          expect(scale, `pack ${i} has gradients`).toBeGreaterThan(1e-4);
          expect(diff, `pack ${i}`).toBeLessThan(1e-5);
        });
      });
      r.dispose();
    });
  }

  // Larger weights than the initialisation, so differences stand well above float32 noise. A tied
  // head reads wte twice: at 6× its softmax saturates (loss 19 nats) and a central difference of
  // step 1e-2 is off by the curvature (it converges to the gradient as the step shrinks); 3× is not.
  for (const [name, dims, scale] of [['untied', TINY_DIMS, 6], ['tied', TIED_DIMS, 3]] as const) it(`match central finite differences of the loss, in every segment (${name} head)`, () => {
    const r = perturbedRig({}, dims);
    const batch = sampleBatch(5, 3);
    tf.tidy(() => r.model.theta.assign(tf.mul(r.model.theta, scale)));
    const t = trainingTensors(batch, r.model.dims);
    const grad = tf.tidy(() => writtenOutGradients(r.model, r.setup, t).grads[0].dataSync());
    const lossAt = (flat: Float32Array) => {
      r.model.theta.assign(tf.tensor1d(flat));
      return tf.tidy(() => writtenOutGradients(r.model, r.setup, t).loss.dataSync()[0]);
    };
    const original = r.model.theta.dataSync().slice() as Float32Array;
    const rng = new Rng(7);
    const eps = 1e-2;
    for (const segment of r.model.layout.segments) {
      for (let trial = 0; trial < 2; trial++) {
        const i = segment.offset + rng.int(0, segment.size - 1);
        const plus = original.slice();
        plus[i] += eps;
        const minus = original.slice();
        minus[i] -= eps;
        const numeric = (lossAt(plus) - lossAt(minus)) / (2 * eps);
        expect(Math.abs(numeric - grad[i]), `${segment.name}[${i - segment.offset}]`).toBeLessThan(2e-3 + 3e-2 * Math.abs(numeric));
      }
    }
    tf.dispose([t.input.selector, t.targetWeights, t.rowWeights]);
    r.dispose();
  });

  it('are the same on wasm as on cpu', async () => {
    const run = async (backend: BackendName) => {
      await useBackend(backend);
      const r = perturbedRig({ method: 'lora', lora: { rank: 2, targets: ['q', 'up'] } });
      const out = tf.tidy(() => {
        const { loss, grads } = writtenOutGradients(r.model, r.setup, trainingTensors(sampleBatch(9), r.model.dims));
        return { loss: loss.dataSync()[0], grads: grads.map((g) => g.dataSync()) };
      });
      r.dispose();
      return out;
    };
    const cpu = await run('cpu');
    const wasm = await run('wasm');
    await useBackend('cpu');
    expect(wasm.loss).toBeCloseTo(cpu.loss, 5);
    cpu.grads.forEach((g, i) => g.forEach((x, k) => expect(Math.abs(wasm.grads[i][k] - x)).toBeLessThan(1e-5 + 1e-4 * Math.abs(x))));
  });
});
