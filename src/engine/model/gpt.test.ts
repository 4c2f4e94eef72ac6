import { beforeAll, describe, expect, it } from 'vitest';
import { useBackend } from '../backend/backends';
import { Rng } from '../data/rng';
import { TINY_DIMS } from '../testing/fixtures';
import * as tf from '../tf';
import { BASE_DIMS } from '../experiment/pretrain';
import { causalSelfAttention, gelu, layerNorm, makeCausalMask, type ForwardContext } from './gpt';
import { Gpt } from './model';
import { initialValues } from './params';
import { countParams, paramShapes } from './shapes';

beforeAll(async () => {
  await useBackend('cpu');
});

function randomIds(batch: number, length: number, seed: number): tf.Tensor2D {
  const rng = new Rng(seed);
  return tf.tensor2d(Array.from({ length: batch * length }, () => rng.int(0, TINY_DIMS.vocabSize - 1)), [batch, length], 'int32');
}

/** Central finite differences of f at a few entries of each argument, against tf.grads. */
function checkGradients(f: (...xs: tf.Tensor[]) => tf.Scalar, args: tf.Tensor[], seed: number) {
  const grads = tf.grads(f)(args);
  const rng = new Rng(seed);
  const eps = 1e-2;
  args.forEach((arg, a) => {
    const analytic = grads[a].dataSync();
    const base = arg.dataSync().slice();
    for (let trial = 0; trial < 8; trial++) {
      const i = rng.int(0, base.length - 1);
      const at = (delta: number) => {
        const moved = base.slice();
        moved[i] += delta;
        const shifted = args.map((t, j) => (j === a ? tf.tensor(moved, t.shape) : t));
        const value = tf.tidy(() => f(...shifted).dataSync()[0]);
        tf.dispose(shifted[a]);
        return value;
      };
      const numeric = (at(eps) - at(-eps)) / (2 * eps);
      expect(Math.abs(numeric - analytic[i]), `argument ${a}, entry ${i}`).toBeLessThan(2e-3 + 2e-2 * Math.abs(numeric));
    }
  });
  tf.dispose(grads);
}


describe('GPT', () => {
  it('names its parameters by layer and module', () => {
    const names = Object.keys(paramShapes(BASE_DIMS));
    for (const n of ['wte.weight', 'wpe.weight', 'h0.attn.q.weight', 'h1.mlp.up.bias', 'h1.ln2.gain', 'lnf.bias', 'head.weight']) {
      expect(names).toContain(n);
    }
    // The shipped size: about 100k parameters.
    expect(countParams(paramShapes(BASE_DIMS))).toBeGreaterThan(90_000);
    expect(countParams(paramShapes(BASE_DIMS))).toBeLessThan(120_000);
  });

  it('gives logits of shape (batch·length, vocab)', () => {
    const model = new Gpt(TINY_DIMS, initialValues(TINY_DIMS, 1));
    const ids = randomIds(3, 7, 1);
    const logits = tf.tidy(() => model.logits(ids));
    expect(logits.shape).toEqual([21, TINY_DIMS.vocabSize]);
    tf.dispose([logits, ids]);
    model.dispose();
  });

  it('is causal: a later token never changes an earlier position', () => {
    const model = new Gpt(TINY_DIMS, initialValues(TINY_DIMS, 2));
    const a = randomIds(1, 10, 3);
    const values = a.arraySync()[0];
    values[7] = (values[7] + 1) % TINY_DIMS.vocabSize;
    const b = tf.tensor2d([values], [1, 10], 'int32');
    const [la, lb] = tf.tidy(() => [model.logits(a).arraySync(), model.logits(b).arraySync()]);
    for (let t = 0; t < 7; t++) for (let v = 0; v < TINY_DIMS.vocabSize; v++) expect(lb[t][v]).toBeCloseTo(la[t][v], 5);
    expect(Math.max(...lb[7].map((x, v) => Math.abs(x - la[7][v])))).toBeGreaterThan(1e-4);
    tf.dispose([a, b]);
    model.dispose();
  });

  it('normalises with LayerNorm to mean 0 and variance 1 before gain and bias', () => {
    const x = tf.tensor2d([[1, 2, 3, 4], [10, -10, 5, 0]]);
    const y = layerNorm(x, tf.ones([4]), tf.zeros([4]));
    const { mean, variance } = tf.moments(y, -1);
    for (const m of mean.arraySync() as number[]) expect(m).toBeCloseTo(0, 5);
    for (const v of variance.arraySync() as number[]) expect(v).toBeCloseTo(1, 3);
    tf.dispose([x, y, mean, variance]);
  });
});

describe('attention gradient', () => {
  it('matches central finite differences', () => {
    const dims = { ...TINY_DIMS, dModel: 8, nHeads: 2 };
    const rng = new Rng(11);
    const batch = 2;
    const length = 5;
    const weights = new Map<string, tf.Tensor>();
    for (const p of ['q', 'k', 'v', 'o']) {
      weights.set(`h0.attn.${p}.weight`, tf.tensor2d(Array.from({ length: 64 }, () => 0.5 * rng.normal()), [8, 8]));
      weights.set(`h0.attn.${p}.bias`, tf.tensor1d(Array.from({ length: 8 }, () => 0.1 * rng.normal())));
    }
    const mask = makeCausalMask(length);
    const x = tf.tensor2d(Array.from({ length: batch * length * 8 }, () => rng.normal()), [batch * length, 8]);
    const probe = tf.tensor2d(Array.from({ length: batch * length * 8 }, () => rng.normal()), [batch * length, 8]);
    const qWeight = weights.get('h0.attn.q.weight')!;
    const kBias = weights.get('h0.attn.k.bias')!;
    // A scalar function of the block: <attention(x), probe>.
    const f = (xIn: tf.Tensor, q: tf.Tensor, kb: tf.Tensor) => {
      const ctx: ForwardContext = {
        dims,
        causalMask: mask,
        weight: (n) => (n === 'h0.attn.q.weight' ? q : n === 'h0.attn.k.bias' ? kb : weights.get(n)!),
      };
      return tf.sum(tf.mul(causalSelfAttention(ctx, 'h0', xIn as tf.Tensor2D, batch, length), probe)) as tf.Scalar;
    };
    checkGradients(f, [x, qWeight, kBias], 3);
    tf.dispose([...weights.values(), mask, x, probe]);
  });
});

describe('whole-model gradient', () => {
  it('of the masked loss matches finite differences for embeddings, MLP, attention and head', async () => {
    const { maskedCrossEntropy } = await import('../train/loss');
    const dims = { ...TINY_DIMS, dModel: 8, nHeads: 2, dFF: 16 };
    const values = initialValues(dims, 5);
    // Larger weights than the init, so gradients are well above float32 noise.
    for (const [name, v] of Object.entries(values)) if (name.endsWith('.weight')) values[name] = v.map((x) => x * 10);
    const model = new Gpt(dims, values);
    const ids = randomIds(2, 6, 9);
    const targets = tf.cast(tf.oneHot(tf.reshape(randomIds(2, 6, 10), [12]), dims.vocabSize), 'float32') as tf.Tensor2D;
    const mask = tf.tensor1d([0, 0, 1, 1, 1, 1, 0, 1, 1, 1, 1, 0]);
    const loss = () => maskedCrossEntropy(model.logits(ids), targets, mask);
    const names = ['wte.weight', 'h0.mlp.up.weight', 'h1.attn.v.weight', 'h1.attn.o.bias', 'head.weight', 'lnf.gain'];
    const vars = names.map((n) => model.params.get(n)!);
    const { grads } = tf.variableGrads(loss, vars);
    const eps = 1e-2;
    const rng = new Rng(3);
    for (const v of vars) {
      const analytic = grads[v.name].dataSync();
      const original = v.dataSync().slice();
      for (let trial = 0; trial < 6; trial++) {
        const i = rng.int(0, original.length - 1);
        const at = (delta: number) => {
          const moved = original.slice();
          moved[i] += delta;
          v.assign(tf.tensor(moved, v.shape));
          return tf.tidy(() => loss().dataSync()[0]);
        };
        const numeric = (at(eps) - at(-eps)) / (2 * eps);
        v.assign(tf.tensor(original, v.shape));
        expect(Math.abs(numeric - analytic[i])).toBeLessThan(2e-3 + 3e-2 * Math.abs(numeric));
      }
    }
    tf.dispose([ids, targets, mask, ...Object.values(grads)]);
    model.dispose();
  });
});

describe('hand-written gradients', () => {
  it('of LayerNorm match finite differences for input, gain and bias', () => {
    const rng = new Rng(21);
    const x = tf.tensor2d(Array.from({ length: 6 * 8 }, () => 2 * rng.normal() + 1), [6, 8]);
    const gain = tf.tensor1d(Array.from({ length: 8 }, () => 1 + 0.5 * rng.normal()));
    const bias = tf.tensor1d(Array.from({ length: 8 }, () => rng.normal()));
    const probe = tf.tensor2d(Array.from({ length: 6 * 8 }, () => rng.normal()), [6, 8]);
    checkGradients((a, g, b) => tf.sum(tf.mul(layerNorm(a as tf.Tensor2D, g, b), probe)) as tf.Scalar, [x, gain, bias], 1);
    tf.dispose([x, gain, bias, probe]);
  });

  it('of GELU match finite differences, and GELU equals 0.5·x·(1 + tanh(√(2/π)(x + 0.044715x³)))', () => {
    const rng = new Rng(22);
    const values = Array.from({ length: 40 }, () => 3 * rng.normal());
    const x = tf.tensor2d(values, [5, 8]);
    const probe = tf.tensor2d(Array.from({ length: 40 }, () => rng.normal()), [5, 8]);
    checkGradients((a) => tf.sum(tf.mul(gelu(a as tf.Tensor2D), probe)) as tf.Scalar, [x], 2);
    const y = gelu(x).dataSync();
    values.forEach((v, i) => expect(y[i]).toBeCloseTo(0.5 * v * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (v + 0.044715 * v ** 3))), 5));
    tf.dispose([x, probe]);
  });
});
