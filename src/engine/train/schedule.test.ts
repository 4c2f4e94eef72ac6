import { describe, expect, it } from 'vitest';
import { learningRate } from './schedule';

const spec = { lr: 1e-3, warmup: 10, steps: 110, minRatio: 0.1 };

describe('learning-rate schedules', () => {
  it('constant stays at lr', () => {
    for (const step of [0, 50, 109]) expect(learningRate({ ...spec, kind: 'constant' }, step)).toBe(1e-3);
  });

  it('cosine warms up linearly from 0, peaks at lr, and decays to minRatio·lr', () => {
    const at = (s: number) => learningRate({ ...spec, kind: 'cosine' }, s);
    expect(at(0)).toBeCloseTo(1e-4, 12);
    expect(at(4)).toBeCloseTo(5e-4, 12);
    expect(at(9)).toBeCloseTo(1e-3, 12);
    expect(at(10)).toBeCloseTo(1e-3, 12);
    expect(at(60)).toBeCloseTo(1e-4 + 0.9e-3 * 0.5, 12);
    expect(at(110)).toBeCloseTo(1e-4, 12);
    for (let s = 11; s < 110; s++) expect(at(s)).toBeLessThanOrEqual(at(s - 1));
  });

  it('rewarm starts from the low rate pre-training ended at, not from zero', () => {
    const at = (s: number) => learningRate({ ...spec, kind: 'rewarm' }, s);
    expect(at(0)).toBeCloseTo(1e-4 + 0.9e-3 / 10, 12);
    expect(at(9)).toBeCloseTo(1e-3, 12);
    expect(at(110)).toBeCloseTo(1e-4, 12);
  });
});
