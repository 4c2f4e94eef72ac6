/**
 * The optimizer over flat parameter vectors: global-norm clipping and one
 * Adam / AdamW / SGD update per pack (the base weights; the adapters), a
 * dozen kernels each instead of a dozen per tensor.
 *
 * It performs, element by element, the very operations of the per-tensor
 * reference in optimizer.ts, so both give identical parameters for identical
 * gradients; only the clipping norm sums in another order (a test checks both).
 */
import type { PackLayout } from '../model/layout';
import * as tf from '../tf';
import { SGD_MOMENTUM, type OptimizerSpec } from './optimizer';

/** One flat variable the optimizer updates, and what confines its update. */
export interface TrainedPack {
  variable: tf.Variable;
  layout: PackLayout;
  /** 0/1 per element: which elements may change at all (gradient and update); null: all of them. */
  mask: tf.Tensor1D | null;
  /** 1 on the elements weight decay applies to (matrices); null: none. */
  decayMask: tf.Tensor1D | null;
}

export class FusedOptimizer {
  private readonly first: tf.Variable[];
  private readonly second: tf.Variable[];
  private t = 0;
  private readonly beta1: number;
  private readonly beta2: number;
  private readonly eps: number;

  constructor(
    private readonly spec: OptimizerSpec,
    private readonly packs: readonly TrainedPack[],
  ) {
    this.beta1 = spec.beta1 ?? 0.9;
    this.beta2 = spec.beta2 ?? 0.999;
    this.eps = spec.eps ?? 1e-8;
    const zeros = () => packs.map((p) => tf.tidy(() => tf.variable(tf.zerosLike(p.variable), false)));
    this.first = zeros();
    this.second = spec.kind === 'sgd' ? [] : zeros();
  }

  /** One update from the packs' flat gradients. Call inside tf.tidy. */
  apply(grads: readonly tf.Tensor[], lr: number, clipNorm: number): void {
    this.t += 1;
    const decay = this.spec.kind === 'adam' ? 0 : this.spec.weightDecay;
    const bias1 = 1 - this.beta1 ** this.t;
    const bias2 = 1 - this.beta2 ** this.t;
    let gs = grads.map((g, i) => (this.packs[i].mask ? tf.mul(g, this.packs[i].mask!) : g));
    if (clipNorm > 0) {
      const squares = gs.map((g) => tf.sum(tf.square(g)));
      const norm = tf.sqrt(squares.reduce((a, b) => tf.add(a, b)));
      const scale = tf.minimum(1, tf.div(clipNorm, tf.add(norm, 1e-6)));
      gs = gs.map((g) => tf.mul(g, scale));
    }
    this.packs.forEach((pack, i) => {
      const g = gs[i];
      const m = this.first[i];
      let update: tf.Tensor;
      if (this.spec.kind === 'sgd') {
        m.assign(tf.add(tf.mul(m, SGD_MOMENTUM), g));
        update = m;
      } else {
        const s = this.second[i];
        m.assign(tf.add(tf.mul(m, this.beta1), tf.mul(g, 1 - this.beta1)));
        s.assign(tf.add(tf.mul(s, this.beta2), tf.mul(tf.square(g), 1 - this.beta2)));
        update = tf.div(tf.div(m, bias1), tf.add(tf.sqrt(tf.div(s, bias2)), this.eps));
      }
      let step = tf.mul(update, lr);
      if (decay > 0 && pack.decayMask) step = tf.add(step, tf.mul(tf.mul(pack.variable, lr * decay), pack.decayMask));
      pack.variable.assign(tf.sub(pack.variable, pack.mask ? tf.mul(step, pack.mask) : step));
    });
  }

  /** Forgets the moments and the step count, as a fresh optimizer (a stream's new per-stage adapter starts from here). */
  reset(): void {
    this.t = 0;
    tf.tidy(() => [...this.first, ...this.second].forEach((v) => v.assign(tf.zerosLike(v))));
  }

  dispose(): void {
    tf.dispose([...this.first, ...this.second]);
  }
}
