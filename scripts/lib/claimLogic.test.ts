import { describe, expect, it } from 'vitest';
import { judge, learningSpeed, mixingClaim, rankClaim, tradeoffClaim, type Measured } from './claims';

const m = (forgetting: number, taskGain: number, taskCurve = [taskGain], generalCurve = [1 - forgetting]): Measured => ({
  summary: { taskGain, forgetting, taskAcc: taskGain, generalAcc: 1 - forgetting, taskTokenAcc: 0, generalTokenAcc: 0, steps: 1, msPerStep: 1, trainableParams: 1 },
  taskCurve,
  generalCurve,
});

describe('claim checks', () => {
  it('hold only when the numbers say so', () => {
    const table = { ignore: { 1: m(0.7, 1) }, good: { 1: m(0.3, 0.9) }, costly: { 1: m(0.2, 0.7) }, weak: { 1: m(0.5, 1) } };
    const [good, costly, weak] = judge(table, [1], [mixingClaim('ignore', 'good'), mixingClaim('ignore', 'costly'), mixingClaim('ignore', 'weak')]);
    expect(good.perSeed[0].held).toBe(true);
    expect(costly.perSeed[0].held).toBe(false); // costs 30 task points
    expect(weak.perSeed[0].held).toBe(false); // forgetting not halved
  });

  it('want a real trade-off: both forgetting and gain falling along the sweep', () => {
    const sweep = (points: Array<[number, number]>) => Object.fromEntries(points.map(([f, g], i) => [`s${i}`, { 1: m(f, g) }]));
    const labels = ['s0', 's1', 's2'];
    const run = (points: Array<[number, number]>) => judge(sweep(points), [1], [tradeoffClaim('t', 't', labels, (x) => x.summary.taskGain)])[0].perSeed[0].held;
    expect(run([[0.7, 1], [0.3, 0.9], [0.05, 0.5]])).toBe(true);
    expect(run([[0.7, 1], [0.3, 1], [0.05, 1]])).toBe(false); // a free lunch is not a trade-off
    expect(run([[0.7, 1], [0.8, 0.9], [0.05, 0.5]])).toBe(false); // forgetting rose on the way
  });

  it('measure learning speed as the mean task accuracy over the evaluations', () => {
    expect(learningSpeed(m(0, 1, [0.2, 0.6, 1]))).toBeCloseTo(0.6, 12);
    const table = { r1: { 1: m(0.05, 1, [0.1, 0.9]) }, r64: { 1: m(0.6, 1, [0.5, 1]) } };
    expect(judge(table, [1], [rankClaim(['r1', 'r64'])])[0].perSeed[0].held).toBe(true);
    expect(judge(table, [1], [rankClaim(['r64', 'r1'])])[0].perSeed[0].held).toBe(false);
  });
});
