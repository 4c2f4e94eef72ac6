/**
 * The diagonal Fisher information of the base model, for EWC. This is the
 * empirical Fisher: F_i = mean over examples of (∂/∂θ_i log p(answer | prompt))²,
 * one backward pass per example, with the true answers of general-skill examples
 * (drawn from the training distribution, never the held-out sets).
 *
 * The lab then scales F to mean 1 over all parameters (normalizeFisher), so EWC's
 * λ is on the same scale as L2-SP's: EWC spends the same total pull, but by
 * importance. For this base model the raw mean is about 2e-5 (it is confident,
 * so its gradients are small): raw λ = lab λ / mean(F).
 */
import { fittedLength, packBatch } from '../data/batch';
import type { Example } from '../data/example';
import { trainingExample } from '../data/heldout';
import { Rng } from '../data/rng';
import { GENERAL_SKILLS } from '../data/skills';
import type { Gpt } from '../model/model';
import * as tf from '../tf';

/** General-skill examples from the training distribution for the Fisher estimate: 16 per skill, seeded. */
export const FISHER_EXAMPLES_PER_SKILL = 16;

export function fisherExamples(seed: number): Example[] {
  const rng = Rng.derive(seed, 'fisher');
  return GENERAL_SKILLS.flatMap((skill) => Array.from({ length: FISHER_EXAMPLES_PER_SKILL }, () => trainingExample(skill, rng)));
}

export interface FisherProgress {
  done: number;
  total: number;
}

/**
 * Yields progress after each example and returns F per parameter name
 * (for the given variables). The caller disposes the returned tensors.
 */
export async function* estimateFisher(
  model: Gpt,
  vars: ReadonlyMap<string, tf.Variable>,
  examples: readonly Example[],
): AsyncGenerator<FisherProgress, Map<string, tf.Tensor>> {
  const names = [...vars.keys()];
  const list = [...vars.values()];
  let sums: tf.Tensor[] = list.map((v) => tf.zerosLike(v));
  const vocab = model.dims.vocabSize;
  try {
    for (let n = 0; n < examples.length; n++) {
      const batch = packBatch([examples[n]], fittedLength([examples[n]], model.dims.context), 'answer');
      const next = tf.tidy(() => {
        const ids = tf.tensor2d(batch.inputs, [1, batch.length], 'int32');
        const targets = tf.cast(tf.oneHot(tf.tensor1d(batch.targets, 'int32'), vocab), 'float32');
        const mask = tf.tensor1d(batch.mask);
        // log p(answer | prompt) = Σ over answer tokens of log p(token | prefix).
        const { grads } = tf.variableGrads(
          () => tf.sum(tf.mul(tf.sum(tf.mul(tf.logSoftmax(model.logits(ids)), targets), 1), mask)) as tf.Scalar,
          list,
        );
        return list.map((v, i) => tf.add(sums[i], tf.square(grads[v.name])));
      });
      tf.dispose(sums);
      sums = next;
      yield { done: n + 1, total: examples.length };
    }
    const fisher = new Map<string, tf.Tensor>();
    names.forEach((name, i) => fisher.set(name, tf.div(sums[i], examples.length)));
    return fisher;
  } finally {
    tf.dispose(sums);
  }
}

/** F / mean(F) over every element of every parameter; the input tensors are disposed. */
export function normalizeFisher(fisher: Map<string, tf.Tensor>): { fisher: Map<string, tf.Tensor>; mean: number } {
  let total = 0;
  let count = 0;
  for (const f of fisher.values()) {
    total += tf.tidy(() => tf.sum(f).dataSync()[0]);
    count += f.size;
  }
  const mean = total / count;
  const out = new Map<string, tf.Tensor>();
  for (const [name, f] of fisher) {
    out.set(name, mean > 0 ? tf.div(f, mean) : tf.onesLike(f));
    f.dispose();
  }
  return { fisher: out, mean };
}
