/**
 * Greedy decoding, one token at a time, for the before/after panel and to
 * check that teacher-forced exact match means what it says.
 */
import * as tf from '../tf';
import { EOS, PAD } from '../data/vocab';
import { modelInput } from '../model/input';
import type { Gpt } from '../model/model';

/** Greedy answers (token ids, up to and excluding `<eos>`) for a batch of prompts. */
export async function greedyAnswers(model: Gpt, prompts: readonly number[][], maxNew?: number): Promise<number[][]> {
  const context = model.dims.context;
  const rows = prompts.map((p) => [...p]);
  const done = rows.map(() => false);
  const answers: number[][] = rows.map(() => []);
  const limit = maxNew ?? context;
  for (let n = 0; n < limit && done.some((d) => !d); n++) {
    // Causal attention: padding after the longest row changes nothing, so feed only that much.
    const length = Math.min(context, Math.max(...rows.map((row) => row.length)));
    const ids = new Int32Array(rows.length * length).fill(PAD);
    rows.forEach((row, r) => ids.set(row.slice(-length), r * length));
    const next = tf.tidy(() => {
      const logits = model.logits(modelInput(ids, rows.length, length, model.dims));
      const positions = rows.map((row, r) => r * length + Math.min(row.length, length) - 1);
      return tf.argMax(tf.gather(logits, tf.tensor1d(positions, 'int32')), 1);
    });
    const chosen = await next.data();
    next.dispose();
    rows.forEach((row, r) => {
      if (done[r]) return;
      const token = chosen[r];
      if (token === EOS || row.length >= context + 1) {
        done[r] = true;
        return;
      }
      row.push(token);
      answers[r].push(token);
    });
  }
  return answers;
}
