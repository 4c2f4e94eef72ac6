import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../engine/config/schema';
import type { EvalResult } from '../../engine/eval/score';
import type { ExperimentEvent } from '../../engine/experiment/events';
import type { Run } from '../../store/run';
import { accuracySeries, paretoFront, skillSeries, tradeoffPoints, type TradeoffPoint } from './series';

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
    expect(tradeoffPoints([run('a', events), run('b', events.slice(0, 3))])).toEqual([{ id: 'a', name: 'a', forgetting: 60, taskGain: 90 }]);
  });

  it('draw the Pareto front through the undominated runs, by forgetting', () => {
    const p = (id: string, forgetting: number, taskGain: number): TradeoffPoint => ({ id, name: id, forgetting, taskGain });
    const points = [p('ignore', 70, 100), p('mix', 12, 100), p('lowlr', 10, 60), p('bad', 50, 40), p('clamp', 2, 1), p('tie', 12, 100)];
    expect(paretoFront(points).map((x) => x.id)).toEqual(['clamp', 'lowlr', 'mix', 'tie']);
  });
});
