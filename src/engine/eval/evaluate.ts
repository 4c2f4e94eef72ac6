/**
 * Scores a model on the held-out sets of a list of skills (the general
 * skills and a task, say).
 *
 * Greedy decoding gets the whole answer right exactly when, with the true
 * prefix fed in (teacher forcing), every answer token and `<eos>` is the
 * argmax. So batched forward passes over all sets give exact match,
 * per-token accuracy and answer loss together (eval/generate.ts decodes for
 * real, and a test checks that both agree).
 *
 * Examples are grouped by length into a few buckets, each padded only to its
 * own longest sequence: with causal attention, padding after a sequence
 * cannot change its positions, so this is exact and saves a quarter of the work.
 */
import * as tf from '../tf';
import { packBatch } from '../data/batch';
import type { Example } from '../data/example';
import { DEFAULT_EVAL_SIZE, heldOutSet } from '../data/heldout';
import type { Skill } from '../scenarios/skills/skills';
import type { ModelDims } from '../model/dims';
import type { ModelInput } from '../model/gpt';
import { modelInput } from '../model/input';
import type { Gpt } from '../model/model';
import type { SkillScore } from './score';

/** Bucket lengths as shares of the context: few enough shapes for GPU backends to compile once. */
const BUCKET_SHARES = [0.6, 0.8, 1];

interface Bucket {
  length: number;
  input: ModelInput;
  targets: Int32Array;
  /** One-hot targets, (rows · length, vocab). */
  targetsOneHot: tf.Tensor2D;
  answerMask: Float32Array;
  /** Index into the skill list, per row. */
  owner: number[];
}

/** Examples grouped into length buckets, each padded to its own longest sequence, as tensors. */
function makeBuckets(skills: readonly Skill[], examplesOf: (skill: Skill) => readonly Example[], dims: ModelDims): Bucket[] {
  const lengths = [...new Set(BUCKET_SHARES.map((s) => Math.max(1, Math.round(s * dims.context))))];
  const groups = lengths.map(() => ({ examples: [] as Example[], owner: [] as number[] }));
  skills.forEach((skill, s) => {
    for (const example of examplesOf(skill)) {
      const needed = example.prompt.length + example.answer.length - 1;
      const b = lengths.findIndex((l) => l >= needed);
      groups[b === -1 ? lengths.length - 1 : b].examples.push(example);
      groups[b === -1 ? lengths.length - 1 : b].owner.push(s);
    }
  });
  const buckets: Bucket[] = [];
  groups.forEach((group, b) => {
    if (!group.examples.length) return;
    const packed = packBatch(group.examples, lengths[b], 'answer');
    buckets.push({
      length: lengths[b],
      input: modelInput(packed.inputs, packed.size, lengths[b], dims),
      targets: packed.targets,
      targetsOneHot: tf.tidy(() => tf.cast(tf.oneHot(tf.tensor1d(packed.targets, 'int32'), dims.vocabSize), 'float32') as tf.Tensor2D),
      answerMask: packed.answerMask,
      owner: group.owner,
    });
  });
  return buckets;
}

export class Evaluator {
  private readonly full: Bucket[];
  /** The first `liveSize` examples of each held-out set, for cheap evaluations mid-run. */
  private readonly live: Bucket[];

  constructor(
    private readonly skills: readonly Skill[],
    dims: ModelDims,
    readonly size = DEFAULT_EVAL_SIZE,
    readonly liveSize = size,
  ) {
    this.full = makeBuckets(skills, (skill) => heldOutSet(skill, size).examples, dims);
    this.live = liveSize < size ? makeBuckets(skills, (skill) => heldOutSet(skill, size).examples.slice(0, liveSize), dims) : this.full;
  }

  /** Scores per skill name, on the whole held-out sets or (live) on their first `liveSize` examples. */
  async scores(model: Gpt, live = false): Promise<Record<string, SkillScore>> {
    const n = this.skills.length;
    const exact = new Array<number>(n).fill(0);
    const count = new Array<number>(n).fill(0);
    const tokens = new Array<number>(n).fill(0);
    const rightTokens = new Array<number>(n).fill(0);
    const lossSum = new Array<number>(n).fill(0);
    const buckets = live ? this.live : this.full;
    // Every bucket's pass is queued before any result is read: one wait for the device, not one per bucket.
    const outputs = tf.tidy(() => {
      const weights = model.weights();
      const adapters = model.adapters();
      return buckets.map((bucket) => {
        const logits = model.logits(bucket.input, undefined, weights, adapters);
        return [tf.argMax(logits, 1), tf.sum(tf.mul(tf.logSoftmax(logits), bucket.targetsOneHot), 1)];
      });
    });
    const values = await Promise.all(outputs.flat().map((t) => t.data()));
    tf.dispose(outputs.flat());
    buckets.forEach((bucket, b) => {
      const [pred, lp] = [values[2 * b], values[2 * b + 1]];
      bucket.owner.forEach((s, row) => {
        let allRight = true;
        for (let t = 0; t < bucket.length; t++) {
          const at = row * bucket.length + t;
          if (!bucket.answerMask[at]) continue;
          tokens[s] += 1;
          lossSum[s] -= lp[at];
          if (pred[at] === bucket.targets[at]) rightTokens[s] += 1;
          else allRight = false;
        }
        count[s] += 1;
        if (allRight) exact[s] += 1;
      });
    });
    const scores: Record<string, SkillScore> = {};
    this.skills.forEach((skill, s) => {
      scores[skill.name] = { acc: exact[s] / count[s], tokenAcc: rightTokens[s] / tokens[s], loss: lossSum[s] / tokens[s] };
    });
    return scores;
  }

  dispose(): void {
    for (const b of new Set([...this.full, ...this.live])) tf.dispose([b.input.selector, b.targetsOneHot]);
    this.full.length = 0;
    this.live.length = 0;
  }
}
