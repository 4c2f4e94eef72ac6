/**
 * Pulls toward the original weights θ0, applied to the effective change of
 * each trained weight (θ − θ0 for the base weights, s·(B A)ᵀ for a LoRA module):
 * - L2-SP:  (λ/2) · Σ (θ − θ0)²
 * - EWC:    (λ/2) · Σ F_i (θ_i − θ0_i)², F the diagonal Fisher of the base model
 * - clamp:  after every step, θ ← clip(θ, θ0 − δ, θ0 + δ) on the trained base weights
 */
import * as tf from '../tf';

/** One trained weight's change from θ0 (built inside the caller's tidy) and, for EWC, its Fisher information. */
export interface Anchor {
  delta: () => tf.Tensor;
  fisher?: tf.Tensor;
}

/** (λ/2) · Σ F·Δ² over the anchors, F = 1 where an anchor has none (L2-SP). */
export function anchorPenalty(anchors: readonly Anchor[], lambda: number): tf.Scalar {
  const terms = anchors.map(({ delta, fisher }) => {
    const square = tf.square(delta());
    return tf.sum(fisher ? tf.mul(fisher, square) : square);
  });
  if (!terms.length) return tf.scalar(0);
  return tf.mul(terms.reduce((a, b) => tf.add(a, b)), lambda / 2) as tf.Scalar;
}

/** Keeps a flat variable within ±delta of its original value; the bounds are made once. */
export class DeltaClamp {
  private readonly lo: tf.Tensor;
  private readonly hi: tf.Tensor;

  constructor(
    private readonly variable: tf.Variable,
    original: tf.Tensor,
    delta: number,
  ) {
    this.lo = tf.sub(original, delta);
    this.hi = tf.add(original, delta);
  }

  /** Call inside tf.tidy. */
  project(): void {
    this.variable.assign(tf.minimum(tf.maximum(this.variable, this.lo), this.hi));
  }

  dispose(): void {
    tf.dispose([this.lo, this.hi]);
  }
}
