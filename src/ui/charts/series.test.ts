import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../engine/config/schema';
import type { EvalResult } from '../../engine/eval/score';
import type { ExperimentEvent } from '../../engine/experiment/events';
import type { Run } from '../../runs/run';
import { accuracySeries, familyOf, legendEntries, paretoFront, skillSeries, sweepGrid, sweepLever, sweepsOf, sweepTradeoff, tradeoffPoints, type TradeoffPoint } from './series';

const score = (acc: number) => ({ acc, tokenAcc: acc, loss: 1 - acc });
const evalOf = (task: number, copy: number, sort: number): EvalResult => ({
  task: score(task),
  general: { copy: score(copy), sort: score(sort) },
  generalAcc: (copy + sort) / 2,
  generalTokenAcc: (copy + sort) / 2,
});

function run(id: string, events: ExperimentEvent[]): Run {
  return { id, name: id, config: defaultConfig(), backend: 'cpu', events, status: 'done', hidden: false, startedAt: 0 };
}

const drift = { total: 1, byLayer: { 'h0.attn.q': 1 } };
const events: ExperimentEvent[] = [
  { type: 'baseline', eval: evalOf(0, 1, 1), evalSize: 128, samples: [] },
  { type: 'step', step: 1, loss: 2, lr: 1e-3 },
  { type: 'eval', step: 10, eval: evalOf(0.5, 0.8, 0.6), evalSize: 128, drift, samples: [] },
  { type: 'eval', step: 20, eval: evalOf(0.9, 0.5, 0.3), evalSize: 128, drift, samples: [] },
  {
    type: 'done',
    summary: { taskGain: 0.9, forgetting: 0.6, taskAcc: 0.9, generalAcc: 0.4, taskTokenAcc: 0.9, generalTokenAcc: 0.4, steps: 20, msPerStep: 5, trainableParams: 10 },
  },
];

describe('chart series', () => {
  it('start at the baseline and follow every evaluation, in percent', () => {
    expect(accuracySeries(run('a', events)).map((p) => [p.step, p.task, p.general])).toEqual([
      [0, 0, 100],
      [10, 50, 70],
      [20, 90, 40],
    ]);
    expect(skillSeries(run('a', events))[2]).toEqual({ step: 20, copy: 50, sort: 30 });
  });

  it('place only finished runs on the trade-off chart', () => {
    expect(tradeoffPoints([run('a', events), run('b', events.slice(0, 3))])).toEqual([{ id: 'a', name: 'a', forgetting: 60, taskGain: 90, label: 'a' }]);
  });

  it('gather sweeps from their runs, and join a sweep\'s mean points in value order', () => {
    const summary = (forgetting: number, taskGain: number): ExperimentEvent => ({
      type: 'done',
      summary: { taskGain, forgetting, taskAcc: taskGain, generalAcc: 1 - forgetting, taskTokenAcc: 0, generalTokenAcc: 0, steps: 1, msPerStep: 1, trainableParams: 1 },
    });
    const swept = (id: string, mix: number, seed: number, f: number, g: number): Run => ({
      ...run(id, [summary(f, g)]),
      sweep: { id: 's1', name: 'mix sweep', axes: ['mix'], values: { mix }, seed },
    });
    const runs = [swept('a', 0.5, 1, 0.1, 0.9), run('plain', events), swept('b', 0, 1, 0.7, 1), swept('c', 0.5, 2, 0.2, 0.8), swept('d', 0, 2, 0.8, 1)];
    const [sweep] = sweepsOf(runs);
    expect(sweep).toMatchObject({ id: 's1', name: 'mix sweep', axes: ['mix'] });
    expect(sweep.runs.map((r) => r.id)).toEqual(['a', 'b', 'c', 'd']);
    const curve = sweepTradeoff(sweep);
    expect(curve.map((p) => p.label)).toEqual(['0', '0.5']);
    expect(curve[0].forgetting).toBeCloseTo(75, 9);
    expect(curve[1].taskGain).toBeCloseTo(85, 9);
    expect(curve.map((p) => p.n)).toEqual([2, 2]);
    expect(tradeoffPoints([runs[0]])[0].label).toBe('0.5');
  });

  it('give a lever curve with the spread over seeds, and a grid for two knobs', () => {
    const summary = (forgetting: number, taskGain: number): ExperimentEvent => ({
      type: 'done',
      summary: { taskGain, forgetting, taskAcc: taskGain, generalAcc: 1 - forgetting, taskTokenAcc: 0, generalTokenAcc: 0, steps: 1, msPerStep: 1, trainableParams: 1 },
    });
    const text = (_k: string, v: unknown) => `v${String(v)}`;
    const one = (id: string, lr: number, seed: number, f: number): Run => ({ ...run(id, [summary(f, 0.5)]), sweep: { id: 's', name: 'lr', axes: ['lr'], values: { lr }, seed } });
    const lever = sweepLever(sweepsOf([one('a', 1e-3, 1, 0.2), one('b', 1e-4, 1, 0.1), one('c', 1e-3, 2, 0.4), { ...one('x', 1e-2, 1, 0.9), events: [] }])[0], text);
    expect(lever.map((r) => r.value)).toEqual(['v0.0001', 'v0.001']);
    expect(lever[1].forgetting).toBeCloseTo(30, 9);
    expect(lever[1].forgettingSd).toBeCloseTo(100 * Math.sqrt(0.02), 9);
    expect(lever[0]).toMatchObject({ n: 1, forgettingSd: 0 });

    const two = (id: string, mix: number, lr: number, f: number): Run => ({
      ...run(id, [summary(f, 0.5)]),
      sweep: { id: 'g', name: 'grid', axes: ['mix', 'lr'], values: { mix, lr }, seed: 1 },
    });
    const grid = sweepGrid(sweepsOf([two('a', 0.5, 1e-3, 0.2), two('b', 0, 1e-3, 0.6), two('c', 0, 1e-4, 0.3), { ...two('d', 0.5, 1e-4, 0), events: [] }])[0], text)!;
    expect(grid.x).toEqual(['v0', 'v0.5']);
    expect(grid.y).toEqual(['v0.0001', 'v0.001']);
    expect(grid.cells.map((row) => row.map((c) => c && Math.round(c.forgetting)))).toEqual([
      [30, null],
      [60, 20],
    ]);
    // A class sweep's planned grid: values nobody has run yet are rows and columns of empty cells.
    const planned = sweepGrid(sweepsOf([two('a', 0.5, 1e-3, 0.2)])[0], text, [
      { key: 'mix', values: [0, 0.5, 0.25] },
      { key: 'lr', values: [1e-3, 1e-4] },
    ])!;
    expect(planned.x).toEqual(['v0', 'v0.25', 'v0.5']);
    expect(planned.y).toEqual(['v0.0001', 'v0.001']);
    expect(planned.cells.map((row) => row.map((c) => c && Math.round(c.forgetting)))).toEqual([
      [null, null, null],
      [null, null, 20],
    ]);
  });

  it('draw the Pareto front through the undominated runs, by forgetting', () => {
    const p = (id: string, forgetting: number, taskGain: number): TradeoffPoint => ({ id, name: id, forgetting, taskGain, label: id });
    const points = [p('ignore', 70, 100), p('mix', 12, 100), p('lowlr', 10, 60), p('bad', 50, 40), p('clamp', 2, 1), p('tie', 12, 100)];
    expect(paretoFront(points).map((x) => x.id)).toEqual(['clamp', 'lowlr', 'mix', 'tie']);
  });

  it('fold the seeds of one sweep value into one legend entry that stands for all of them', () => {
    const seed = (id: string, mix: number, n: number): Run => ({ ...run(id, events), sweep: { id: 's1', name: 'mix sweep', axes: ['mix'], values: { mix }, seed: n } });
    const runs = [seed('a', 0.5, 1), run('plain', events), seed('b', 0, 1), seed('c', 0.5, 2)].map((r, i) => ({ run: r, color: `#00000${i}` }));
    expect(familyOf(runs[0].run)).toBe(familyOf(runs[3].run));
    expect(familyOf(runs[1].run)).toBeUndefined();
    expect(legendEntries(runs).map((e) => [e.name, e.color, e.runIds, e.spotlight])).toEqual([
      ['mix sweep: 0.5 (2 seeds)', '#000000', ['a', 'c'], { kind: 'sweep', id: 's1' }],
      ['plain', '#000001', ['plain'], { kind: 'run', id: 'plain' }],
      ['mix sweep: 0', '#000002', ['b'], { kind: 'sweep', id: 's1' }],
    ]);
  });
});
