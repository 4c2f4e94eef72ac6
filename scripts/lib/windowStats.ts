/**
 * How much a score read from a few held-out windows moves with which windows
 * were read. Every text score a run reports (a source's accuracy or BPC, the
 * domain gain, the forgetting as a mean over the genres) is a weighted sum,
 * over sources, of the mean of a per-window value: every window holds the same
 * number of characters, so the mean over windows is the pooled score.
 */

/** One source's part of a quantity: its weight, and the per-window value on every held-out window. */
export interface Term {
  source: string;
  weight: number;
  values: readonly number[];
}

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/** The quantity on the windows picked (indices into each term's values, by source). */
export function valueOn(terms: readonly Term[], picks: Readonly<Record<string, readonly number[]>>): number {
  return terms.reduce((sum, t) => sum + t.weight * mean(picks[t.source].map((i) => t.values[i])), 0);
}

/** The quantity on every window. */
export function valueOnAll(terms: readonly Term[]): number {
  return terms.reduce((sum, t) => sum + t.weight * mean(t.values), 0);
}

/**
 * The standard error of the quantity read from `n` windows per source drawn
 * at random without replacement from each source's N (drawn independently
 * per source): sqrt(Σ weight² · S²/n · (1 − n/N)), S² the per-window variance
 * over all N windows (divisor N − 1). Zero where n ≥ N: every window is read.
 */
export function randomDrawSe(terms: readonly Term[], n: number): number {
  let variance = 0;
  for (const { weight, values } of terms) {
    const N = values.length;
    if (n >= N) continue;
    const m = mean(values);
    const s2 = values.reduce((a, v) => a + (v - m) ** 2, 0) / (N - 1);
    variance += weight ** 2 * (s2 / n) * (1 - n / N);
  }
  return Math.sqrt(variance);
}

/** Mean, standard deviation (divisor count − 1), least and most of some readings. */
export function spread(xs: readonly number[]): { mean: number; sd: number; min: number; max: number } {
  const m = mean(xs);
  const sd = xs.length > 1 ? Math.sqrt(xs.reduce((a, x) => a + (x - m) ** 2, 0) / (xs.length - 1)) : 0;
  return { mean: m, sd, min: Math.min(...xs), max: Math.max(...xs) };
}
