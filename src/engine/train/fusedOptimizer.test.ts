import { beforeAll, describe, expect, it } from 'vitest';
import { useBackend } from '../backend/backends';
import { Rng } from '../data/rng';
import { makeLayout } from '../model/layout';
import * as tf from '../tf';
import { FusedOptimizer, type TrainedPack } from './fusedOptimizer';
import { clipByGlobalNorm, Optimizer, type OptimizerKind } from './optimizer';

beforeAll(async () => {
  await useBackend('cpu');
});

const layout = makeLayout([
  ['w', [3, 4]],
  ['b', [4]],
]);

/** Random flat values and per-step gradients, and the same split by segment. */
function fixture(seed: number, steps: number) {
  const rng = new Rng(seed);
  const values = Float32Array.from({ length: layout.size }, () => rng.normal());
  const grads = Array.from({ length: steps }, () => Float32Array.from({ length: layout.size }, () => rng.normal()));
  const bySegment = (flat: Float32Array) => Object.fromEntries(layout.segments.map((s) => [s.name, flat.slice(s.offset, s.offset + s.size)]));
  return { values, grads, bySegment };
}

describe('the fused optimizer', () => {
  for (const kind of ['adamw', 'adam', 'sgd'] as OptimizerKind[]) {
    it(`makes exactly the per-tensor reference's ${kind} updates, weight decay and masks included`, () => {
      const { values, grads, bySegment } = fixture(1, 4);
      const mask = Float32Array.from({ length: layout.size }, (_, i) => (i % 5 === 0 ? 0 : 1));
      const spec = { kind, weightDecay: 0.1 };
      // Fused: one flat variable; weight decay on the matrix, as the reference decays rank-2 tensors.
      const flat = tf.variable(tf.tensor1d(values));
      const decayMask = tf.tensor1d(Float32Array.from({ length: layout.size }, (_, i) => (i < 12 ? mask[i] : 0)));
      const pack: TrainedPack = { variable: flat, layout, mask: tf.tensor1d(mask), decayMask };
      const fused = new FusedOptimizer(spec, [pack]);
      // Reference: one variable per segment.
      const start = bySegment(values);
      const vars = new Map(layout.segments.map((s) => [s.name, tf.variable(tf.tensor(start[s.name], s.shape))]));
      const masks = new Map(layout.segments.map((s) => [s.name, tf.tensor(bySegment(mask)[s.name], s.shape)]));
      const reference = new Optimizer(spec, vars);
      for (const g of grads) {
        tf.tidy(() => fused.apply([tf.tensor1d(g)], 1e-2, 0));
        tf.tidy(() => {
          const named: tf.NamedTensorMap = {};
          for (const s of layout.segments) named[s.name] = tf.mul(tf.tensor(bySegment(g)[s.name], s.shape), masks.get(s.name)!);
          reference.apply(named, 1e-2, masks);
        });
      }
      const got = bySegment(flat.dataSync() as Float32Array);
      for (const s of layout.segments) expect(Array.from(got[s.name])).toEqual(Array.from(vars.get(s.name)!.dataSync()));
      // Masked elements never moved.
      flat.dataSync().forEach((v, i) => mask[i] === 0 && expect(v).toBe(values[i]));
      fused.dispose();
      reference.dispose();
      tf.dispose([flat, pack.mask!, decayMask, ...vars.values(), ...masks.values()]);
    });
  }

  it('clips by the same global norm as the reference', () => {
    const { grads, bySegment } = fixture(2, 1);
    const scaled = grads[0].map((g) => g * 10);
    const [fusedClip, referenceClip] = tf.tidy(() => {
      const named: tf.NamedTensorMap = {};
      for (const s of layout.segments) named[s.name] = tf.tensor(bySegment(scaled)[s.name], s.shape);
      const clipped = clipByGlobalNorm(named, 1);
      // SGD from zero state at lr 1: the first step is the clipped gradient itself.
      const v = tf.variable(tf.zeros([layout.size]));
      const sgd = new FusedOptimizer({ kind: 'sgd', weightDecay: 0 }, [{ variable: v, layout, mask: null, decayMask: null }]);
      sgd.apply([tf.tensor1d(scaled)], 1, 1);
      sgd.dispose();
      const out = [tf.neg(v).dataSync() as Float32Array, tf.concat(layout.segments.map((s) => tf.reshape(clipped[s.name], [-1]))).dataSync() as Float32Array];
      v.dispose();
      return out;
    });
    const norm = Math.sqrt(referenceClip.reduce((a, x) => a + x * x, 0));
    expect(norm).toBeCloseTo(1, 5);
    fusedClip.forEach((x, i) => expect(x).toBeCloseTo(referenceClip[i], 6));
  });

  it('gives the Adam and AdamW steps computed by hand', () => {
    // θ = (1, −2) as a 1×2 matrix, gradients (0.5, −1) then (1, 1), lr 0.1, β = (0.9, 0.999), ε = 1e-8, decay 0.01.
    const g = [
      [0.5, -1],
      [1, 1],
    ];
    for (const decay of [0, 0.01]) {
      const theta = [1, -2];
      const m = [0, 0];
      const v = [0, 0];
      g.forEach((grad, t) => {
        for (let i = 0; i < 2; i++) {
          m[i] = 0.9 * m[i] + 0.1 * grad[i];
          v[i] = 0.999 * v[i] + 0.001 * grad[i] ** 2;
          const mhat = m[i] / (1 - 0.9 ** (t + 1));
          const vhat = v[i] / (1 - 0.999 ** (t + 1));
          theta[i] -= 0.1 * (mhat / (Math.sqrt(vhat) + 1e-8)) + 0.1 * decay * theta[i];
        }
      });
      const variable = tf.variable(tf.tensor1d([1, -2]));
      const decayMask = tf.ones([2]) as tf.Tensor1D;
      const opt = new FusedOptimizer({ kind: 'adamw', weightDecay: decay }, [{ variable, layout: makeLayout([['w', [1, 2]]]), mask: null, decayMask }]);
      for (const grad of g) tf.tidy(() => opt.apply([tf.tensor1d(grad)], 0.1, 0));
      const got = variable.dataSync();
      expect(got[0]).toBeCloseTo(theta[0], 6);
      expect(got[1]).toBeCloseTo(theta[1], 6);
      opt.dispose();
      tf.dispose([variable, decayMask]);
    }
  });

  it('clips to the norm it is given and leaves smaller gradients alone (SGD by hand)', () => {
    const variable = tf.variable(tf.tensor1d([0, 0, 0]));
    const opt = new FusedOptimizer({ kind: 'sgd', weightDecay: 0 }, [{ variable, layout: makeLayout([['b', [3]]]), mask: null, decayMask: null }]);
    tf.tidy(() => opt.apply([tf.tensor1d([3, 0, 4])], 1, 1)); // norm 5 → scaled to (0.6, 0, 0.8)
    Array.from(variable.dataSync()).forEach((x, i) => expect(x).toBeCloseTo([-0.6, 0, -0.8][i], 5));
    // Second step: momentum 0.9·(0.6, 0, 0.8) plus an unclipped (0.1, 0.1, 0) (norm < 1).
    tf.tidy(() => opt.apply([tf.tensor1d([0.1, 0.1, 0])], 1, 1));
    Array.from(variable.dataSync()).forEach((x, i) => expect(x).toBeCloseTo([-0.6 - 0.64, -0.1, -0.8 - 0.72][i], 5));
    opt.dispose();
    variable.dispose();
  });
});
