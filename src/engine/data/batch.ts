/**
 * Packs examples into fixed-length arrays for the model: inputs are the
 * sequence without its last token, targets the sequence shifted by one, and a
 * mask says which targets the loss counts.
 */
import type { Example } from './example';
import { PAD } from './vocab';

export type LossOn = 'answer' | 'all';

export interface TokenBatch {
  size: number;
  length: number;
  inputs: Int32Array;
  targets: Int32Array;
  /** 1 where the target is scored, else 0. */
  mask: Float32Array;
  /** 1 where the target is an answer token (what evaluation scores), else 0. */
  answerMask: Float32Array;
}

/**
 * `lossOn: 'answer'` scores only the answer and `<eos>` (fine-tuning);
 * `'all'` scores every real token after the first (continual pre-training).
 */
export function packBatch(examples: readonly Example[], length: number, lossOn: LossOn): TokenBatch {
  const size = examples.length;
  const inputs = new Int32Array(size * length).fill(PAD);
  const targets = new Int32Array(size * length).fill(PAD);
  const mask = new Float32Array(size * length);
  const answerMask = new Float32Array(size * length);
  examples.forEach((example, row) => {
    const sequence = [...example.prompt, ...example.answer];
    if (sequence.length - 1 > length) {
      throw new Error(`example of ${sequence.length} tokens does not fit a context of ${length + 1}`);
    }
    const firstAnswerTarget = example.prompt.length - 1;
    for (let t = 0; t < sequence.length - 1; t++) {
      const at = row * length + t;
      inputs[at] = sequence[t];
      targets[at] = sequence[t + 1];
      const isAnswer = t >= firstAnswerTarget ? 1 : 0;
      answerMask[at] = isAnswer;
      mask[at] = lossOn === 'all' ? 1 : isAnswer;
    }
  });
  return { size, length, inputs, targets, mask, answerMask };
}

/**
 * The shortest length that holds every example of a batch (at most `context`).
 * With causal attention, the padding after a sequence never changes its own
 * positions, so packing to this length gives the same loss with less work.
 */
export function fittedLength(examples: readonly Example[], context: number): number {
  let needed = 1;
  for (const e of examples) needed = Math.max(needed, e.prompt.length + e.answer.length - 1);
  return Math.min(needed, context);
}
