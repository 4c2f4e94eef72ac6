/**
 * Answers one prompt of a person's own, symbol by symbol, with the model's
 * top-k next-symbol probabilities at each position it writes, greedy or
 * sampled at a temperature from a seeded stream (the same seed gives the same
 * answer). One cached decoder (model/kvDecoder.ts) reads the prompt and then
 * what it writes, so each symbol costs one position's work.
 *
 * The probabilities shown are the model's own (softmax of its logits, at
 * temperature 1); the temperature only changes how the next symbol is drawn
 * from them. Temperature 0 is greedy: the most probable symbol, always.
 */
import { Rng } from '../data/rng';
import { KvDecoder } from '../model/kvDecoder';
import type { Gpt } from '../model/model';

export interface AskOptions {
  /** Most symbols to write; the context also ends it. */
  maxNew: number;
  /** 0: greedy; above 0: sampled from the probabilities sharpened (below 1) or flattened (above 1). */
  temperature: number;
  /** Seeds the draws when sampling. */
  seed: number;
  /** How many of the most probable symbols to report per position (5 unless told). */
  topK?: number;
  /** A symbol that ends the answer and is not part of it (skills: `<eos>`). */
  stopAt?: number;
}

export interface SymbolChance {
  token: number;
  p: number;
}

/** One written symbol and the model's most probable choices at its position, most probable first. */
export interface AskStep {
  token: number;
  top: SymbolChance[];
}

export interface AskResult {
  steps: AskStep[];
  /** Why it stopped: the stop symbol, the length asked for, or the model's context. */
  ended: 'stop' | 'length' | 'context';
  /** The stop symbol's chances where it stopped, if it did. */
  stop?: AskStep;
}

/** Probabilities of `logits` at temperature `t` (> 0), in float64 so a tiny temperature gives one-hot, not NaN. */
export function softmaxAt(logits: ArrayLike<number>, t: number): Float64Array {
  let max = -Infinity;
  for (let i = 0; i < logits.length; i++) max = Math.max(max, logits[i]);
  const out = new Float64Array(logits.length);
  let total = 0;
  for (let i = 0; i < logits.length; i++) total += out[i] = Math.exp((logits[i] - max) / t);
  for (let i = 0; i < out.length; i++) out[i] /= total;
  return out;
}

/** The `k` most probable symbols, most probable first (ties: the lower id first, as argMax picks). */
export function topChances(p: ArrayLike<number>, k: number): SymbolChance[] {
  return Array.from(p, (value, token) => ({ token, p: value }))
    .sort((a, b) => b.p - a.p || a.token - b.token)
    .slice(0, k);
}

/** The symbol a uniform draw `u` picks from probabilities `p` (the last non-zero one if rounding leaves u past the sum). */
function draw(p: Float64Array, u: number): number {
  let at = u;
  let last = 0;
  for (let i = 0; i < p.length; i++) {
    if (p[i] === 0) continue;
    last = i;
    at -= p[i];
    if (at < 0) return i;
  }
  return last;
}

export async function askModel(model: Gpt, prompt: readonly number[], options: AskOptions): Promise<AskResult> {
  const { context, vocabSize } = model.dims;
  if (!prompt.length) throw new Error('the prompt is empty');
  if (prompt.length > context) throw new Error(`the prompt is ${prompt.length} symbols; the model reads at most ${context}`);
  if (!(options.temperature >= 0) || !Number.isFinite(options.temperature)) throw new Error(`temperature must be 0 or more, not ${options.temperature}`);
  for (const id of prompt) if (!(Number.isInteger(id) && id >= 0 && id < vocabSize)) throw new Error(`symbol id ${id} is outside the model's vocabulary (0–${vocabSize - 1})`);
  const k = options.topK ?? 5;
  const rng = Rng.derive(options.seed, 'ask');
  const decoder = new KvDecoder(model, 1);
  const steps: AskStep[] = [];
  try {
    let next = prompt[0];
    for (let t = 0; ; t++) {
      const logitsTensor = decoder.step(Int32Array.of(next));
      const logits = (await logitsTensor.data()) as Float32Array;
      logitsTensor.dispose();
      if (t + 1 < prompt.length) {
        next = prompt[t + 1];
        continue;
      }
      const probs = softmaxAt(logits, 1);
      const top = topChances(probs, k);
      const token = options.temperature === 0 ? top[0].token : draw(softmaxAt(logits, options.temperature), rng.next());
      if (token === options.stopAt) return { steps, ended: 'stop', stop: { token, top } };
      steps.push({ token, top });
      if (steps.length >= options.maxNew) return { steps, ended: 'length' };
      // The last position's prediction is the context's last: nothing more can be read.
      if (decoder.position >= context) return { steps, ended: 'context' };
      next = token;
    }
  } finally {
    decoder.dispose();
  }
}
