import { describe, expect, it } from 'vitest';
import { configSchema } from '../engine/config/schema';
import { toEvalResult } from '../engine/eval/score';
import type { ExperimentEvent } from '../engine/experiment/events';
import { summarizeStream } from '../engine/stream/streamSummary';
import type { Run } from '../runs/run';
import { howMuchSurvives, replayKeepsMore } from './streamLessonAnswers';
import { fakeRun } from './fakeRuns';

const score = (acc: number) => ({ acc, tokenAcc: acc, loss: 1 - acc });

/**
 * A finished stream run as the engine leaves it: the baseline with every
 * stream task, a full evaluation and a stage event at each stage's end, and
 * the summary computed by the engine's own summarizeStream from those rows.
 */
function streamRun(name: string, tasks: string[], base: number[], rows: number[][], general: number[], replay = 0): Run {
  const config = configSchema.parse({ stream: tasks, stageSteps: 100, replay });
  const evalOf = (accs: number[], g: number, stage: number) => ({
    ...toEvalResult({ [tasks[stage]]: score(accs[stage]), copy: score(g), sort: score(g) }, tasks[stage], ['copy', 'sort']),
    tasks: Object.fromEntries(tasks.map((t, j) => [t, score(accs[j])])),
  });
  const baseline = evalOf(base, 0.99, 0);
  const events: ExperimentEvent[] = [
    { type: 'start', config, backend: 'cpu', params: { total: 1000, trainable: 1000 } },
    { type: 'baseline', eval: baseline, evalSize: 128, samples: [] },
  ];
  rows.forEach((row, i) => {
    const step = 100 * (i + 1);
    events.push({ type: 'eval', step, eval: evalOf(row, general[i], i), evalSize: 128, drift: { total: 0, byLayer: {} } });
    events.push({ type: 'stage', stage: i, task: tasks[i], step, row: Object.fromEntries(tasks.map((t, j) => [t, row[j]])), generalAcc: general[i] });
  });
  const s = summarizeStream(tasks, baseline, rows, general);
  const last = rows.at(-1)!;
  events.push({
    type: 'done',
    summary: { taskGain: s.taskGain, forgetting: s.meanForgetting, taskAcc: s.acc, generalAcc: general.at(-1)!, taskTokenAcc: last.at(-1)!, generalTokenAcc: general.at(-1)!, steps: 100 * rows.length, msPerStep: 1, trainableParams: 1000, stream: s.stream },
  });
  return { id: name, name, config, backend: 'cpu', events, status: 'done', hidden: false, startedAt: 1 };
}

describe('learn A then B (lesson answers)', () => {
  it('reads how much of the first task survives, its forgetting and BWT from the matrix', () => {
    // letters 0.8% → 90% in its stage, 30% after rotate: (30 − 0.8) / (90 − 0.8) = 33% of the gain survives; f = 60 points; BWT = −60.
    const run = streamRun('Sequential tasks', ['letters', 'rotate'], [0.008, 0.01], [[0.9, 0.02], [0.3, 0.95]], [0.8, 0.5]);
    const answer = howMuchSurvives(run);
    expect(answer.text).toContain('33% of what it gained on letters survives');
    expect(answer.text).toContain('letters went 0.8% → 90.0% in its own stage, and is at 30.0% after rotate (forgetting f = 60.0 points)');
    expect(answer.text).toContain('rotate reached 95.0%');
    expect(answer.text).toContain('BWT = −60.0 points: negative');
    expect(answer.text).toContain('general skills went 99.0% → 50.0%');
    expect(answer.details[0]).toBe('After stage 1 (letters): letters 90.0%, rotate 2.0%.');
  });

  it('says when the first task was never learned, and when a run is no stream or unfinished', () => {
    const barely = streamRun('barely', ['letters', 'rotate'], [0.008, 0.01], [[0.015, 0.02], [0.01, 0.9]], [0.9, 0.8]);
    expect(howMuchSurvives(barely).text).toMatch(/barely learned in its own stage \(0\.8% → 1\.5%\)/);
    const one = fakeRun({ name: 'one task', before: { copy: 1, task: 0 }, points: [{ step: 10, acc: { copy: 0.5, task: 0.9 } }] });
    expect(howMuchSurvives(one).text).toMatch(/“one task” is not a stream/);
    const cut = { ...barely, events: barely.events.slice(0, -1) };
    expect(howMuchSurvives(cut).text).toMatch(/no final scores/);
  });

  it('compares replay with the sequential stream: forgetting saved, BWT, and the price on the new task', () => {
    const sequential = streamRun('Sequential tasks', ['letters', 'rotate'], [0.008, 0.01], [[0.9, 0.02], [0.3, 0.95]], [0.8, 0.5]);
    const replay = streamRun('Replay earlier tasks', ['letters', 'rotate'], [0.008, 0.01], [[0.9, 0.02], [0.75, 0.85]], [0.8, 0.6], 0.25);
    const answer = replayKeepsMore(replay, sequential);
    expect(answer.text).toContain('Replaying letters cut its forgetting by 45.0 points: 60.0 → 15.0 points, and letters ends at 75.0% instead of 30.0%');
    expect(answer.text).toContain('The price: rotate reached 85.0% instead of 95.0%, 10.0 points less');
    expect(answer.text).toContain('BWT: −60.0 points without replay, −15.0 points with it.');
    // Replay that did worse is said as such.
    const worse = replayKeepsMore(sequential, replay);
    expect(worse.text).toContain('Replay did not help letters here: it forgot 45.0 points more');
  });
});
