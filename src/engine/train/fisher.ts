/**
 * The diagonal Fisher information of the base model, for EWC. This is the
 * empirical Fisher: F_i = mean over examples of (∂/∂θ_i log p(answer | prompt))²,
 * one written-out backward pass per example, with the true answers of general-skill examples
 * (drawn from the training distribution, never the held-out sets); in the text
 * scenario, of windows of general prose's training text, every character scored.
 *
 * The lab then scales F to mean 1 over all parameters (normalizeFisher), so EWC's
 * λ is on the same scale as L2-SP's: EWC spends the same total pull, but by
 * importance. For this base model the raw mean is about 2e-5 (it is confident,
 * so its gradients are small): raw λ = lab λ / mean(F).
 */
import { fittedLength, packBatch, type TokenBatch } from '../data/batch';
import type { Example } from '../data/example';
import { trainingExample } from '../data/heldout';
import { Rng } from '../data/rng';
import { GENERAL_SKILLS, type Skill } from '../scenarios/skills/skills';
import { emptySaved } from '../model/gpt';
import { backward } from '../model/gptBackward';
import type { Gpt } from '../model/model';
import { joinPack } from '../model/pack';
import * as tf from '../tf';
import { trainingTensors } from './batchTensors';
import { crossEntropyWithGradient } from './loss';

/** General-skill examples from the training distribution for the Fisher estimate: 16 per skill, seeded. */
const FISHER_EXAMPLES_PER_SKILL = 16;

export function fisherExamples(seed: number): Example[] {
  const rng = Rng.derive(seed, 'fisher');
  return GENERAL_SKILLS.flatMap((skill) => Array.from({ length: FISHER_EXAMPLES_PER_SKILL }, () => trainingExample(skill, rng)));
}

/** Online EWC's examples of one task (a stream's stage): as many as of all general skills together, seeded per task. */
export function taskFisherExamples(task: Skill, seed: number): Example[] {
  const rng = Rng.derive(seed, `fisher:${task.name}`);
  return Array.from({ length: FISHER_EXAMPLES_PER_SKILL * GENERAL_SKILLS.length }, () => trainingExample(task, rng));
}

export interface FisherProgress {
  done: number;
  total: number;
}

/** Each example as a batch of its own, scored on its answer: one per-example gradient each. */
export function exampleBatches(examples: readonly Example[], context: number): TokenBatch[] {
  return examples.map((e) => packBatch([e], fittedLength([e], context), 'answer'));
}

/**
 * Yields progress after each example and returns F over the base weights,
 * flat in the model's layout (the caller disposes it). Each example (a batch
 * of one: a skill example, or a text window) gives the gradient of Σ log p
 * over its scored tokens, from the written-out backward pass.
 */
export async function* estimateFisher(model: Gpt, batches: readonly TokenBatch[]): AsyncGenerator<FisherProgress, tf.Tensor1D> {
  let sums: tf.Tensor1D = tf.zeros([model.layout.size]);
  const all = { base: () => true };
  try {
    for (let n = 0; n < batches.length; n++) {
      const batch = batches[n];
      const next = tf.tidy(() => {
        const t = trainingTensors(batch, model.dims, true);
        const weights = model.weights();
        const saved = emptySaved(model.dims);
        const { dLogits } = crossEntropyWithGradient(model.logits(t.input, saved, weights, undefined), t.targetWeights, t.rowWeights);
        const grads = backward(weights, undefined, model.dims, saved, dLogits, t.input, all);
        return tf.add(sums, tf.square(joinPack(model.layout, grads))) as tf.Tensor1D;
      });
      sums.dispose();
      sums = next;
      yield { done: n + 1, total: batches.length };
    }
    return tf.div(sums, batches.length) as tf.Tensor1D;
  } finally {
    sums.dispose();
  }
}

/** F / mean(F) over every element; the input is disposed. */
export async function normalizeFisher(fisher: tf.Tensor1D): Promise<{ fisher: tf.Tensor1D; mean: number }> {
  const meanTensor = tf.mean(fisher);
  const mean = (await meanTensor.data())[0];
  meanTensor.dispose();
  const out = tf.tidy(() => (mean > 0 ? tf.div(fisher, mean) : tf.onesLike(fisher)) as tf.Tensor1D);
  fisher.dispose();
  return { fisher: out, mean };
}

/**
 * Online EWC (Schwarz et al. 2018, "Progress & Compress", §2.3) at the end of
 * a stream's stage: F ← γ·F + F_task with γ = 1, where F_task is the Fisher of
 * the task just trained, estimated at the weights now (the new anchor), and
 * scaled to mean 1 as the base model's is (normalizeFisher): every task adds
 * the same total pull, spread by its own importance, so λ keeps its meaning
 * and the penalty grows with the tasks learned, as Kirkpatrick et al.'s one
 * penalty per task summed into one. Raw Fishers are not summed: their means
 * swing by three decades between seeds (a confident model's few wrong
 * examples dominate 64), so one task's term would freeze the model on one
 * seed and vanish on another. Yields progress as estimateFisher does;
 * `fisher` is updated in place.
 */
export async function* addTaskFisher(fisher: tf.Variable, model: Gpt, batches: readonly TokenBatch[]): AsyncGenerator<FisherProgress, void> {
  const { fisher: task } = await normalizeFisher(yield* estimateFisher(model, batches));
  tf.tidy(() => fisher.assign(tf.add(fisher, task)));
  task.dispose();
}
