/**
 * Scores a model on the held-out sets of a list of skills (the general
 * skills and a task, say).
 *
 * Greedy decoding gets the whole answer right exactly when, with the true
 * prefix fed in (teacher forcing), every answer token and `<eos>` is the
 * argmax. So one batched forward pass over all sets gives exact match,
 * per-token accuracy and answer loss together (eval/generate.ts decodes for real,
 * and a test checks that both agree).
 */
import * as tf from '../tf';
import { packBatch } from '../data/batch';
import { heldOutSet } from '../data/heldout';
import type { Skill } from '../data/skills';
import type { Gpt } from '../model/model';
import type { SkillScore } from './score';

interface Span {
  skill: Skill;
  start: number;
  count: number;
}

export class Evaluator {
  private readonly spans: Span[] = [];
  private readonly ids: tf.Tensor2D;
  private readonly targets: tf.Tensor1D;
  private readonly answerMask: Float32Array;
  private readonly length: number;

  constructor(skills: readonly Skill[], context: number, size?: number) {
    const examples = [];
    for (const skill of skills) {
      const set = heldOutSet(skill, size);
      this.spans.push({ skill, start: examples.length, count: set.examples.length });
      examples.push(...set.examples);
    }
    const packed = packBatch(examples, context, 'answer');
    this.length = context;
    this.answerMask = packed.answerMask;
    this.ids = tf.tensor2d(packed.inputs, [packed.size, context], 'int32');
    this.targets = tf.tensor1d(packed.targets, 'int32');
  }

  /** Scores per skill name. */
  async scores(model: Gpt): Promise<Record<string, SkillScore>> {
    const [predicted, logProb] = tf.tidy(() => {
      const logits = model.logits(this.ids);
      const logProbs = tf.logSoftmax(logits);
      const picked = tf.sum(tf.mul(logProbs, tf.cast(tf.oneHot(this.targets, logits.shape[1]), 'float32')), 1);
      return [tf.argMax(logits, 1), picked];
    });
    const [pred, lp, tgt] = await Promise.all([predicted.data(), logProb.data(), this.targets.data()]);
    predicted.dispose();
    logProb.dispose();

    const scores: Record<string, SkillScore> = {};
    for (const span of this.spans) {
      let exact = 0;
      let tokens = 0;
      let rightTokens = 0;
      let lossSum = 0;
      for (let row = span.start; row < span.start + span.count; row++) {
        let allRight = true;
        for (let t = 0; t < this.length; t++) {
          const at = row * this.length + t;
          if (!this.answerMask[at]) continue;
          tokens += 1;
          lossSum -= lp[at];
          if (pred[at] === tgt[at]) rightTokens += 1;
          else allRight = false;
        }
        if (allRight) exact += 1;
      }
      scores[span.skill.name] = { acc: exact / span.count, tokenAcc: rightTokens / tokens, loss: lossSum / tokens };
    }
    return scores;
  }

  dispose(): void {
    this.ids.dispose();
    this.targets.dispose();
  }
}
