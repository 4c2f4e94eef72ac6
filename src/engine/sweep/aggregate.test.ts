import { describe, expect, it } from 'vitest';
import type { RunSummary } from '../experiment/events';
import { LEVER_METRICS, leverCurve, leverGrid, orderedAxis, type SweepResult } from './aggregate';

function summary(taskGain: number, forgetting: number): RunSummary {
  return {
    taskGain,
    forgetting,
    taskAcc: taskGain + 0.01,
    generalAcc: 1 - forgetting,
    taskTokenAcc: 0.5,
    generalTokenAcc: 0.9 - forgetting / 2,
    steps: 10,
    msPerStep: 20,
    trainableParams: 1000,
  };
}

const result = (values: Record<string, unknown>, seed: number, gain: number, forgetting: number): SweepResult => ({ values, seed, summary: summary(gain, forgetting) });

describe('lever curve', () => {
  const results = [
    result({ mix: 0.5 }, 1, 0.2, 0.1),
    result({ mix: 0 }, 1, 0.5, 0.6),
    result({ mix: 0.5 }, 2, 0.4, 0.3),
    result({ mix: 0 }, 2, 0.7, 0.8),
    result({ mix: 0.5 }, 3, 0.3, 0.2),
    result({ mix: 0.25 }, 2, 0.45, 0.4),
  ];
  const curve = leverCurve([{ key: 'mix', values: [0.5, 0, 0.25, 0.75] }], results);

  it('has one point per value with results, in value order', () => {
    expect(curve.map((p) => p.values.mix)).toEqual([0, 0.25, 0.5]);
    expect(curve.map((p) => p.label)).toEqual(['mix 0', 'mix 0.25', 'mix 0.5']);
  });

  it('averages over the seeds that finished, with the sample sd', () => {
    const [zero, quarter, half] = curve;
    expect(zero.n).toBe(2);
    expect(zero.seeds).toEqual([1, 2]);
    expect(zero.taskGain.mean).toBeCloseTo(0.6, 12);
    // Two seeds 0.5 and 0.7: deviations ±0.1, sd = sqrt((0.01 + 0.01) / 1).
    expect(zero.taskGain.sd).toBeCloseTo(Math.sqrt(0.02), 12);
    expect(half.n).toBe(3);
    expect(half.seeds).toEqual([1, 2, 3]);
    expect(half.forgetting.mean).toBeCloseTo(0.2, 12);
    // 0.1, 0.3, 0.2: deviations -0.1, 0.1, 0: sd = sqrt(0.02 / 2) = 0.1.
    expect(half.forgetting.sd).toBeCloseTo(0.1, 12);
    expect(half.generalAcc.mean).toBeCloseTo(0.8, 12);
    expect(half.generalTokenAcc.mean).toBeCloseTo(0.8, 12);
    expect(half.taskAcc.mean).toBeCloseTo(0.31, 12);
    // One seed: a mean, and no sd to speak of.
    expect(quarter.n).toBe(1);
    expect(quarter.forgetting).toEqual({ mean: 0.4, sd: null });
    for (const m of LEVER_METRICS) expect(quarter[m]).toEqual({ mean: results[5].summary[m], sd: null });
  });

  it('counts a seed once, and ignores values off the axes', () => {
    const again = leverCurve([{ key: 'mix', values: [0] }], [result({ mix: 0 }, 1, 0.5, 0.6), result({ mix: 0 }, 1, 0.9, 0.9), result({ mix: 0.9 }, 1, 0, 0)]);
    expect(again).toHaveLength(1);
    expect(again[0].n).toBe(1);
    expect(again[0].taskGain.mean).toBe(0.5);
  });

  it('keeps the labels the runs carry', () => {
    const labelled = leverCurve([{ key: 'reg.strength', values: [1000] }], [{ ...result({ 'reg.strength': 1000 }, 1, 0.1, 0.1), label: 'EWC λ 1000' }]);
    expect(labelled[0].label).toBe('EWC λ 1000');
  });
});

describe('axis order', () => {
  it('puts numbers ascending, choices in the schema order, off before on', () => {
    expect(orderedAxis({ key: 'lr', values: [1e-3, 1e-4, 3e-4] }).values).toEqual([1e-4, 3e-4, 1e-3]);
    expect(orderedAxis({ key: 'reg.kind', values: ['clamp', 'none', 'ewc'] }).values).toEqual(['none', 'ewc', 'clamp']);
    expect(orderedAxis({ key: 'optimizer', values: ['sgd', 'adamw'] }).values).toEqual(['adamw', 'sgd']);
    expect(orderedAxis({ key: 'lora.rslora', values: [true, false] }).values).toEqual([false, true]);
    expect(orderedAxis({ key: 'lora.targets', values: [['q'], ['k']] }).values).toEqual([['q'], ['k']]);
  });
});

describe('lever grid', () => {
  const x = { key: 'mix', values: [0.5, 0] };
  const y = { key: 'lr', values: [1e-3, 1e-4] };
  const results = [
    result({ mix: 0, lr: 1e-4 }, 1, 0.1, 0.2),
    result({ mix: 0, lr: 1e-4 }, 2, 0.3, 0.4),
    result({ mix: 0.5, lr: 1e-4 }, 1, 0.05, 0.05),
    result({ mix: 0, lr: 1e-3 }, 1, 0.6, 0.7),
    // mix 0.5, lr 1e-3: every seed failed.
  ];
  const grid = leverGrid([x, y], results);

  it('puts x in columns and y in rows, both in value order, with null where nothing finished', () => {
    expect(grid.x).toEqual({ key: 'mix', values: [0, 0.5] });
    expect(grid.y).toEqual({ key: 'lr', values: [1e-4, 1e-3] });
    const cell = (row: number, col: number) => grid.cells[row][col];
    expect(cell(0, 0)?.values).toEqual({ mix: 0, lr: 1e-4 });
    expect(cell(0, 0)?.label).toBe('mix 0 · lr 1e-4');
    expect(cell(0, 0)?.n).toBe(2);
    expect(cell(0, 0)?.forgetting.mean).toBeCloseTo(0.3, 12);
    expect(cell(0, 0)?.forgetting.sd).toBeCloseTo(Math.sqrt(0.02), 12);
    expect(cell(0, 1)?.taskGain).toEqual({ mean: 0.05, sd: null });
    expect(cell(1, 0)?.taskGain.mean).toBe(0.6);
    expect(cell(1, 1)).toBeNull();
  });

  it('and the curve of two axes lists the combinations that finished, x outermost', () => {
    const curve = leverCurve([x, y], results);
    expect(curve.map((p) => p.label)).toEqual(['mix 0 · lr 1e-4', 'mix 0 · lr 0.001', 'mix 0.5 · lr 1e-4']);
  });
});
