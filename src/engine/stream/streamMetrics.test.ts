import { describe, expect, it } from 'vitest';
import { streamMetrics } from './streamMetrics';

// A 3-task stream worked by hand (see the module's definitions).
const scores = {
  base: [0.1, 0.0, 0.2],
  generalBase: 0.9,
  rows: [
    [0.8, 0.1, 0.2],
    [0.5, 0.9, 0.3],
    [0.4, 0.6, 0.7],
  ],
  general: [0.85, 0.8, 0.7],
};

describe('stream metrics (GEM / Avalanche)', () => {
  it('reads a finished 3-stage matrix as worked by hand', () => {
    const m = streamMetrics(scores);
    expect(m.stages).toBe(3);
    expect(m.acc).toBeCloseTo((0.4 + 0.6 + 0.7) / 3, 12);
    // f_0 = 0.8 − 0.4, f_1 = 0.9 − 0.6
    expect(m.forgetting[0]).toBeCloseTo(0.4, 12);
    expect(m.forgetting[1]).toBeCloseTo(0.3, 12);
    expect(m.forgetting).toHaveLength(2);
    // BWT = ((0.4 − 0.8) + (0.6 − 0.9)) / 2
    expect(m.bwt).toBeCloseTo(-0.35, 12);
    // FWT = ((0.1 − 0.0) + (0.3 − 0.2)) / 2
    expect(m.fwt).toBeCloseTo(0.1, 12);
    expect(m.learned.map((x) => +x.toFixed(12))).toEqual([0.7, 0.9, 0.5]);
    expect(m.taskGain).toBeCloseTo(0.7, 12);
    expect(m.generalForgetting).toBeCloseTo(0.2, 12);
    expect(m.meanForgetting).toBeCloseTo((0.4 + 0.3 + 0.2) / 3, 12);
  });

  it('reads a stream in progress as the stream so far', () => {
    const m = streamMetrics({ ...scores, rows: scores.rows.slice(0, 2), general: scores.general.slice(0, 2) });
    expect(m.acc).toBeCloseTo((0.5 + 0.9) / 2, 12);
    expect(m.forgetting.map((x) => +x.toFixed(12))).toEqual([0.3]);
    expect(m.bwt).toBeCloseTo(-0.3, 12);
    expect(m.fwt).toBeCloseTo(0.1, 12);
    expect(m.generalForgetting).toBeCloseTo(0.1, 12);
  });

  it('has no transfer with one stage, and no forgetting when nothing is lost', () => {
    const one = streamMetrics({ base: [0, 0], generalBase: 0.5, rows: [[0.6, 0.1]], general: [0.5] });
    expect(one.bwt).toBeNull();
    expect(one.fwt).toBeNull();
    expect(one.forgetting).toEqual([]);
    expect(one.acc).toBeCloseTo(0.6, 12);
    const kept = streamMetrics({ base: [0, 0], generalBase: 0.5, rows: [[0.6, 0], [0.7, 0.8]], general: [0.5, 0.5] });
    // Improving on an earlier task is positive backward transfer, negative forgetting.
    expect(kept.bwt).toBeCloseTo(0.1, 12);
    expect(kept.forgetting[0]).toBeCloseTo(-0.1, 12);
  });

  it('names a malformed matrix instead of returning a wrong number', () => {
    expect(() => streamMetrics({ base: [0, 0], generalBase: 0, rows: [], general: [] })).toThrow(/at least one/);
    expect(() => streamMetrics({ base: [0, 0], generalBase: 0, rows: [[0.1]], general: [0] })).toThrow(/row 0 has 1 tasks/);
    expect(() => streamMetrics({ base: [0, 0], generalBase: 0, rows: [[0.1, 0]], general: [] })).toThrow(/general/);
  });
});
