/**
 * The real-word share of generated text: of the words a model writes, how
 * many are words of the general prose it learned from. It reads forgetting
 * the way a person would ("the man from './& if typeof" is not English).
 *
 * A word is a run of letters a–z (text is lower-case; "don't" is "don" and
 * "t", the same on both sides). The word set is built from the general-prose
 * training split only, keeping words seen at least twice so a typo or a name
 * met once does not make a misspelling "real".
 */

export const REAL_WORD_MIN_COUNT = 2;

const WORD = /[a-z]+/g;

export function wordsOf(text: string): string[] {
  return text.match(WORD) ?? [];
}

/** The words seen at least `minCount` times across the texts. */
export function buildWordSet(texts: string | readonly string[], minCount = REAL_WORD_MIN_COUNT): Set<string> {
  const counts = new Map<string, number>();
  for (const text of typeof texts === 'string' ? [texts] : texts) {
    for (const word of wordsOf(text)) counts.set(word, (counts.get(word) ?? 0) + 1);
  }
  return new Set([...counts].filter(([, n]) => n >= minCount).map(([word]) => word));
}

export interface RealWordCount {
  /** Words in the sample that are in the word set. */
  real: number;
  /** Words in the sample. */
  words: number;
}

/**
 * Counts a sample's words and its real ones. A sample is cut at a fixed
 * length, so a run of letters that reaches its very end may be a word cut
 * short: it is not counted. Pass the text generated after a prompt that ends
 * in a space, so the first word is whole too.
 */
export function countRealWords(sample: string, words: ReadonlySet<string>): RealWordCount {
  let real = 0;
  let total = 0;
  for (const match of sample.matchAll(WORD)) {
    if (match.index + match[0].length === sample.length) break;
    total++;
    if (words.has(match[0])) real++;
  }
  return { real, words: total };
}

/** Where a sample's counted words that are not real sit: [start, end) spans, for a reader to see which words are made up. */
export function nonWordSpans(sample: string, words: ReadonlySet<string>): [number, number][] {
  const spans: [number, number][] = [];
  for (const match of sample.matchAll(WORD)) {
    const end = match.index + match[0].length;
    if (end === sample.length) break;
    if (!words.has(match[0])) spans.push([match.index, end]);
  }
  return spans;
}

/** The share of real words over all the samples' words together (0 when they hold no words). */
export function realWordShare(samples: string | readonly string[], words: ReadonlySet<string>): number {
  let real = 0;
  let total = 0;
  for (const sample of typeof samples === 'string' ? [samples] : samples) {
    const count = countRealWords(sample, words);
    real += count.real;
    total += count.words;
  }
  return total === 0 ? 0 : real / total;
}
