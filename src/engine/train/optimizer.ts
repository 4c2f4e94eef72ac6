/**
 * The reference optimizers, one update per named tensor, written with tfjs
 * ops so their state is ours to inspect, reset and dispose. Training runs the
 * flat-vector form in fusedOptimizer.ts; tests hold it to this one.
 * - adamw: Adam with decoupled weight decay on matrices (Loshchilov & Hutter).
 * - adam:  Adam, no weight decay.
 * - sgd:   SGD with momentum 0.9, weight decay as for adamw.
 */
import * as tf from '../tf';

export type OptimizerKind = 'adamw' | 'adam' | 'sgd';

export interface OptimizerSpec {
  kind: OptimizerKind;
  weightDecay: number;
  beta1?: number;
  beta2?: number;
  eps?: number;
}

export const SGD_MOMENTUM = 0.9;

export class Optimizer {
  private readonly first = new Map<string, tf.Variable>();
  private readonly second = new Map<string, tf.Variable>();
  private t = 0;
  private readonly beta1: number;
  private readonly beta2: number;
  private readonly eps: number;

  constructor(
    private readonly spec: OptimizerSpec,
    private readonly vars: ReadonlyMap<string, tf.Variable>,
  ) {
    this.beta1 = spec.beta1 ?? 0.9;
    this.beta2 = spec.beta2 ?? 0.999;
    this.eps = spec.eps ?? 1e-8;
    for (const [name, v] of vars) {
      // tidy frees the zeros; each variable keeps its own reference to them.
      this.first.set(name, tf.tidy(() => tf.variable(tf.zerosLike(v), false)));
      if (spec.kind !== 'sgd') this.second.set(name, tf.tidy(() => tf.variable(tf.zerosLike(v), false)));
    }
  }

  /**
   * One update. Call inside tf.tidy: temporaries are freed, variables keep the
   * results. `masks` (0/1) confine a variable's whole step, weight decay included.
   */
  apply(grads: tf.NamedTensorMap, lr: number, masks?: ReadonlyMap<string, tf.Tensor>): void {
    this.t += 1;
    const decay = this.spec.kind === 'adam' ? 0 : this.spec.weightDecay;
    const bias1 = 1 - this.beta1 ** this.t;
    const bias2 = 1 - this.beta2 ** this.t;
    for (const [name, v] of this.vars) {
      const g = grads[name];
      if (!g) continue;
      const m = this.first.get(name)!;
      let update: tf.Tensor;
      if (this.spec.kind === 'sgd') {
        m.assign(tf.add(tf.mul(m, SGD_MOMENTUM), g));
        update = m;
      } else {
        const s = this.second.get(name)!;
        m.assign(tf.add(tf.mul(m, this.beta1), tf.mul(g, 1 - this.beta1)));
        s.assign(tf.add(tf.mul(s, this.beta2), tf.mul(tf.square(g), 1 - this.beta2)));
        update = tf.div(tf.div(m, bias1), tf.add(tf.sqrt(tf.div(s, bias2)), this.eps));
      }
      let step = tf.mul(update, lr);
      if (decay > 0 && v.rank >= 2) step = tf.add(step, tf.mul(v, lr * decay));
      const mask = masks?.get(name);
      v.assign(tf.sub(v, mask ? tf.mul(step, mask) : step));
    }
  }

  dispose(): void {
    for (const v of this.first.values()) v.dispose();
    for (const v of this.second.values()) v.dispose();
  }
}

/** Scales all gradients by min(1, maxNorm / ‖g‖) where ‖g‖ is the global L2 norm. */
export function clipByGlobalNorm(grads: tf.NamedTensorMap, maxNorm: number): tf.NamedTensorMap {
  if (!(maxNorm > 0)) return grads;
  // A chain of adds, not tf.addN: WebGPU's AddN puts every input in one shader, and
  // past 7 inputs that exceeds the device's storage-buffer limit and reads 0.
  const squares = Object.values(grads).map((g) => tf.sum(tf.square(g)));
  const norm = tf.sqrt(squares.reduce((a, b) => tf.add(a, b)));
  const scale = tf.minimum(1, tf.div(maxNorm, tf.add(norm, 1e-6)));
  const out: tf.NamedTensorMap = {};
  for (const [name, g] of Object.entries(grads)) out[name] = tf.mul(g, scale);
  return out;
}
