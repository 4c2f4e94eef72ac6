/**
 * Pulls toward the original weights θ0, applied to the effective change of
 * each trained weight (θ − θ0 for a base parameter, s·(B A)ᵀ for a LoRA module):
 * - L2-SP:  (λ/2) · Σ (θ − θ0)²
 * - EWC:    (λ/2) · Σ F_i (θ_i − θ0_i)², F the diagonal Fisher of the base model
 * - clamp:  after every step, θ ← clip(θ, θ0 − δ, θ0 + δ) on the trained base parameters
 */
import * as tf from '../tf';

/** The current change of one weight from its original value (built inside the caller's tidy). */
export type DeltaOf = () => tf.Tensor;

export function l2spPenalty(deltas: ReadonlyMap<string, DeltaOf>, lambda: number): tf.Scalar {
  const terms = [...deltas.values()].map((delta) => tf.sum(tf.square(delta())));
  return tf.mul(tf.addN(terms), lambda / 2) as tf.Scalar;
}

export function ewcPenalty(deltas: ReadonlyMap<string, DeltaOf>, fisher: ReadonlyMap<string, tf.Tensor>, lambda: number): tf.Scalar {
  const terms: tf.Tensor[] = [];
  for (const [name, delta] of deltas) {
    const f = fisher.get(name);
    if (f) terms.push(tf.sum(tf.mul(f, tf.square(delta()))));
  }
  if (!terms.length) return tf.scalar(0);
  return tf.mul(tf.addN(terms), lambda / 2) as tf.Scalar;
}

/** Keeps each variable within ±delta of its original value; the bounds are made once. */
export class DeltaClamp {
  private readonly bounds = new Map<tf.Variable, { lo: tf.Tensor; hi: tf.Tensor }>();

  constructor(vars: ReadonlyMap<string, tf.Variable>, original: ReadonlyMap<string, tf.Tensor>, delta: number) {
    for (const [name, v] of vars) {
      const theta0 = original.get(name);
      if (!theta0) continue;
      this.bounds.set(v, tf.tidy(() => ({ lo: tf.sub(theta0, delta), hi: tf.add(theta0, delta) })));
    }
  }

  /** Call inside tf.tidy. */
  project(): void {
    for (const [v, { lo, hi }] of this.bounds) v.assign(tf.minimum(tf.maximum(v, lo), hi));
  }

  dispose(): void {
    for (const { lo, hi } of this.bounds.values()) tf.dispose([lo, hi]);
    this.bounds.clear();
  }
}
