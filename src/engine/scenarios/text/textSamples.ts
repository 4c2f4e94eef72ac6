/**
 * Continuations sampled from fixed prompts ("the man ", "she said "), so a
 * person reads what the model writes before and after training, and the
 * real-word share of what it writes (realWords.ts).
 *
 * Sampling, not greedy decoding: a character model decoded greedily loops
 * ("the the the"); sampled at temperature 0.8 it writes word-like text. The
 * random numbers come from a constant seed, so before and after are drawn
 * with the same numbers and differ only by the model. Rows are aligned by
 * position: every row reads its prompt's characters while it has them, then
 * what it sampled, so one cached decoder (model/kvDecoder.ts) serves all.
 */
import { Rng } from '../../data/rng';
import type { Gpt } from '../../model/model';
import { KvDecoder } from '../../model/kvDecoder';
import { nonWordSpans, realWordShare } from './realWords';
import { SAMPLE_CHARS, SAMPLE_PROMPTS, SAMPLE_SEED, SAMPLE_TEMPERATURE, SAMPLES_PER_PROMPT } from './textConstants';
import { decodeText, encodeText } from './textVocab';
import * as tf from '../../tf';
import type { Sample } from '../../eval/samples';

export interface TextSampleSpec {
  prompts: readonly string[];
  perPrompt: number;
  chars: number;
  temperature: number;
  seed: number;
}

export const TEXT_SAMPLE_SPEC: TextSampleSpec = { prompts: SAMPLE_PROMPTS, perPrompt: SAMPLES_PER_PROMPT, chars: SAMPLE_CHARS, temperature: SAMPLE_TEMPERATURE, seed: SAMPLE_SEED };

/** Index of the symbol a uniform draw `u` picks from probabilities `p` (the last one if rounding leaves u past the sum). */
function pick(p: ArrayLike<number>, u: number): number {
  let total = 0;
  for (let i = 0; i < p.length; i++) total += p[i];
  let at = u * total;
  for (let i = 0; i < p.length; i++) {
    at -= p[i];
    if (at < 0) return i;
  }
  return p.length - 1;
}

/** The continuations, row by row (each prompt `perPrompt` times, in order), as symbol ids. */
export async function sampleContinuations(model: Gpt, spec: TextSampleSpec = TEXT_SAMPLE_SPEC): Promise<number[][]> {
  const prompts = spec.prompts.flatMap((p) => Array.from({ length: spec.perPrompt }, () => Array.from(encodeText(p))));
  const longest = Math.max(...prompts.map((p) => p.length));
  // As many characters as the context holds after the longest prompt, up to spec.chars (a test's small model holds fewer).
  const chars = Math.min(spec.chars, model.dims.context - longest + 1);
  if (chars < 1) throw new Error(`a prompt of ${longest} characters leaves no room in a context of ${model.dims.context}`);
  const rng = new Rng(spec.seed);
  const made: number[][] = prompts.map(() => []);
  const decoder = new KvDecoder(model, prompts.length);
  try {
    for (let t = 0; made.some((m) => m.length < chars); t++) {
      const tokens = Int32Array.from(prompts, (p, r) => (t < p.length ? p[t] : made[r][t - p.length]));
      const logits = decoder.step(tokens);
      const probs = tf.tidy(() => tf.softmax(tf.div(logits, spec.temperature)));
      logits.dispose();
      const values = await probs.data();
      probs.dispose();
      const vocab = model.dims.vocabSize;
      prompts.forEach((p, r) => {
        // Position t + 1 is this row's to write once its prompt is read, until it has written enough.
        if (t + 1 < p.length || made[r].length >= chars) return;
        made[r].push(pick(values.subarray(r * vocab, (r + 1) * vocab), rng.next()));
      });
    }
  } finally {
    decoder.dispose();
  }
  return made;
}

/** Samples as events carry them, with their made-up words marked, and the real-word share of all of them together. */
export async function textSamples(model: Gpt, words: ReadonlySet<string>, spec: TextSampleSpec = TEXT_SAMPLE_SPEC): Promise<{ samples: Sample[]; realWords: number }> {
  const made = await sampleContinuations(model, spec);
  const answers = made.map((ids) => decodeText(ids));
  const prompts = spec.prompts.flatMap((p) => Array.from({ length: spec.perPrompt }, () => p));
  return {
    samples: answers.map((answer, i) => ({ skill: 'text', prompt: prompts[i], expected: '', answer, nonWords: nonWordSpans(answer, words) })),
    realWords: realWordShare(answers, words),
  };
}
