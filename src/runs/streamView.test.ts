import { describe, expect, it } from 'vitest';
import { configSchema } from '../engine/config/schema';
import type { EvalResult } from '../engine/eval/score';
import type { ExperimentEvent } from '../engine/experiment/events';
import type { Run } from './run';
import { streamCurves, streamViewOf } from './streamView';

const score = (acc: number) => ({ acc, tokenAcc: acc, loss: 1 });
const evalOf = (letters: number, rotate: number, general: number, task: 'letters' | 'rotate'): EvalResult => ({
  task: score(task === 'letters' ? letters : rotate),
  general: { copy: score(general) },
  generalAcc: general,
  generalTokenAcc: general,
  tasks: { letters: score(letters), rotate: score(rotate) },
});
const drift = { total: 1, byLayer: {} };

function runOf(events: ExperimentEvent[], stream = ['letters', 'rotate']): Run {
  const config = configSchema.parse({ stream, stageSteps: 10 });
  return { id: 'r', name: 'r', config, backend: 'cpu', events, status: 'running', hidden: false, startedAt: 0 };
}

const baseline: ExperimentEvent = { type: 'baseline', eval: evalOf(0.1, 0, 0.9, 'letters'), evalSize: 8, samples: [] };
const stage0: ExperimentEvent[] = [
  { type: 'eval', step: 10, eval: evalOf(0.8, 0.05, 0.5, 'letters'), evalSize: 8, drift },
  { type: 'stage', stage: 0, task: 'letters', step: 10, row: { letters: 0.8, rotate: 0.05 }, generalAcc: 0.5 },
];
const midStage1: ExperimentEvent = { type: 'eval', step: 15, eval: evalOf(0.3, 0.6, 0.4, 'rotate'), evalSize: 4, drift };

describe('a stream run as the page shows it', () => {
  it('is nothing for a run without a stream', () => {
    expect(streamViewOf(runOf([baseline], []))).toBeNull();
    expect(streamCurves(runOf([baseline], []))).toEqual([]);
  });

  it('fills the matrix row by row, the stage in progress as a live row', () => {
    const view = streamViewOf(runOf([baseline, ...stage0, midStage1]))!;
    expect(view.tasks).toEqual(['letters', 'rotate']);
    expect(view.ends).toEqual([10, 20]);
    expect(view.base).toEqual([0.1, 0]);
    expect(view.rows).toEqual([[0.8, 0.05]]);
    expect(view.live).toEqual({ stage: 1, step: 15, row: [0.3, 0.6], general: 0.4 });
    // After one stage: ACC is its task's accuracy, no BWT yet.
    expect(view.metrics!.acc).toBeCloseTo(0.8, 12);
    expect(view.metrics!.bwt).toBeNull();
    expect(view.metrics!.generalForgetting).toBeCloseTo(0.4, 12);
  });

  it('has no live row right after a stage ends, and the metrics of the whole stream at the end', () => {
    const end: ExperimentEvent[] = [
      { type: 'eval', step: 20, eval: evalOf(0.2, 0.9, 0.3, 'rotate'), evalSize: 8, drift },
      { type: 'stage', stage: 1, task: 'rotate', step: 20, row: { letters: 0.2, rotate: 0.9 }, generalAcc: 0.3 },
    ];
    const view = streamViewOf(runOf([baseline, ...stage0, midStage1, ...end]))!;
    expect(view.live).toBeNull();
    expect(view.metrics!.bwt).toBeCloseTo(0.2 - 0.8, 12);
    expect(view.metrics!.forgetting[0]).toBeCloseTo(0.6, 12);
    const curves = streamCurves(runOf([baseline, ...stage0, midStage1, ...end]));
    expect(curves.map((p) => p.step)).toEqual([0, 10, 15, 20]);
    expect(curves[2]).toEqual({ step: 15, general: 40, letters: 30, rotate: 60 });
  });

  it('reads the matrix of a run that carries only its summary (a results link)', () => {
    const stream = { tasks: ['letters', 'rotate'], matrix: [[0.8, 0.05], [0.2, 0.9]], base: [0.1, 0], general: [0.5, 0.3], generalBase: 0.9, acc: 0.55, bwt: -0.6, fwt: 0.05, forgetting: [0.6], generalForgetting: 0.6 };
    const summary = { taskGain: 0, forgetting: 0, taskAcc: 0, generalAcc: 0, taskTokenAcc: 0, generalTokenAcc: 0, steps: 20, msPerStep: 1, trainableParams: 1, stream };
    const view = streamViewOf(runOf([baseline, { type: 'done', summary }]))!;
    expect(view.rows).toEqual(stream.matrix);
    expect(view.metrics!.bwt).toBeCloseTo(-0.6, 12);
  });
});

