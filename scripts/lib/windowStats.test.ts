import { describe, expect, it } from 'vitest';
import { randomDrawSe, spread, valueOn, valueOnAll, type Term } from './windowStats';

/** Every way to pick `n` of `N` indices. */
function subsets(N: number, n: number): number[][] {
  if (n === 0) return [[]];
  if (N < n) return [];
  return [...subsets(N - 1, n - 1).map((s) => [...s, N - 1]), ...subsets(N - 1, n)];
}

describe('window sampling error', () => {
  const a: Term = { source: 'a', weight: 0.5, values: [0.1, 0.4, 0.35, 0.9, 0.2, 0.55, 0.3] };
  const b: Term = { source: 'b', weight: 0.5, values: [0.6, 0.2, 0.8, 0.45, 0.5] };

  it('reads a weighted sum of per-source means, on picked windows and on all of them', () => {
    expect(valueOn([a, b], { a: [0, 3], b: [2] })).toBeCloseTo(0.5 * 0.5 + 0.5 * 0.8, 12);
    expect(valueOnAll([a, b])).toBeCloseTo(0.5 * (2.8 / 7) + 0.5 * (2.55 / 5), 12);
  });

  it('gives the standard deviation of the reading over every draw of n windows per source without replacement', () => {
    const n = 3;
    const readings: number[] = [];
    for (const pa of subsets(7, n)) for (const pb of subsets(5, n)) readings.push(valueOn([a, b], { a: pa, b: pb }));
    const m = readings.reduce((x, y) => x + y, 0) / readings.length;
    const exact = Math.sqrt(readings.reduce((x, r) => x + (r - m) ** 2, 0) / readings.length);
    expect(m).toBeCloseTo(valueOnAll([a, b]), 12);
    expect(randomDrawSe([a, b], n)).toBeCloseTo(exact, 12);
  });

  it('is zero when every window is read', () => {
    expect(randomDrawSe([a], 7)).toBe(0);
    expect(randomDrawSe([a], 16)).toBe(0);
  });

  it('spreads readings: mean, sd over count − 1, least and most', () => {
    expect(spread([1, 2, 3, 6])).toEqual({ mean: 3, sd: Math.sqrt(14 / 3), min: 1, max: 6 });
  });
});
