/**
 * A stream run's evaluations into its matrix row and summary (the
 * definitions are streamMetrics.ts's). Pure: the run builds its summary here
 * and the page reads the rows of a run in progress with the same functions.
 */
import type { EvalResult } from '../eval/score';
import type { StreamSummary } from '../experiment/events';
import { streamMetrics, type StreamMetrics } from './streamMetrics';

/** R[i][·] from an evaluation of a stream run: each stream task's accuracy, by name. */
export function streamRow(result: EvalResult, tasks: readonly string[]): Record<string, number> {
  const scores = result.tasks;
  if (!scores) throw new Error('a stream evaluation must score every stream task (eval.tasks is missing)');
  return Object.fromEntries(
    tasks.map((t) => {
      const score = scores[t];
      if (!score) throw new Error(`a stream evaluation is missing task '${t}'`);
      return [t, score.acc];
    }),
  );
}

/** The stream's summary block and the metrics the run's headline numbers take. */
export function summarizeStream(
  tasks: readonly string[],
  baseline: EvalResult,
  rows: readonly (readonly number[])[],
  general: readonly number[],
): StreamMetrics & { stream: StreamSummary } {
  const baseRow = streamRow(baseline, tasks);
  const base = tasks.map((t) => baseRow[t]);
  const metrics = streamMetrics({ base, generalBase: baseline.generalAcc, rows, general });
  return {
    ...metrics,
    stream: {
      tasks: [...tasks],
      matrix: rows.map((r) => [...r]),
      base,
      general: [...general],
      generalBase: baseline.generalAcc,
      acc: metrics.acc,
      bwt: metrics.bwt,
      fwt: metrics.fwt,
      forgetting: metrics.forgetting,
      generalForgetting: metrics.generalForgetting,
    },
  };
}
