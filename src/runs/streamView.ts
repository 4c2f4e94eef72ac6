/**
 * What the page shows of a stream run (config `stream`): the accuracy matrix
 * as it fills (a row per finished stage, the stage in progress as a live row
 * from its latest evaluation), its metrics (engine/stream/streamMetrics.ts)
 * and every task's curve over the steps. Pure: the heatmap and the curves
 * draw what this returns.
 */
import { isStream, stageEnds, stageOfStep, stageTasks } from '../engine/stream/stream';
import { streamMetrics, type StreamMetrics } from '../engine/stream/streamMetrics';
import type { EventOf } from '../engine/experiment/events';
import { baselineOf, evalsOf, summaryOf, type Run } from './run';

export interface StreamView {
  tasks: string[];
  /** The step each stage ends at. */
  ends: number[];
  /** b_j, and the base model's general accuracy; null before the baseline arrives. */
  base: number[] | null;
  generalBase: number | null;
  /** R[i][j] for each finished stage, and its general accuracy. */
  rows: number[][];
  general: number[];
  /** The stage in progress, from its latest (live, fewer-example) evaluation; null when none or the stream is done. */
  live: { stage: number; step: number; row: number[]; general: number } | null;
  /** The metrics of the stages finished so far; null before the first ends. */
  metrics: StreamMetrics | null;
}

/** A stream run's matrix so far; null for a run without a stream. */
export function streamViewOf(run: Run): StreamView | null {
  const { config } = run;
  if (!isStream(config)) return null;
  const tasks = stageTasks(config);
  // A run from a results link carries no stage events or per-task scores, only its summary: the matrix is in there.
  const finished = summaryOf(run)?.stream;
  if (finished && !run.events.some((e) => e.type === 'stage')) {
    const { matrix, base, general, generalBase } = finished;
    return { tasks, ends: stageEnds(config), base, generalBase, rows: matrix, general, live: null, metrics: streamMetrics({ base, generalBase, rows: matrix, general }) };
  }
  const baseline = baselineOf(run);
  const base = baseline?.eval.tasks ? tasks.map((t) => baseline.eval.tasks![t]?.acc ?? NaN) : null;
  const stages = run.events.filter((e): e is EventOf<'stage'> => e.type === 'stage');
  const rows = stages.map((s) => tasks.map((t) => s.row[t]));
  const general = stages.map((s) => s.generalAcc);
  const latest = evalsOf(run).at(-1);
  const inProgress = latest && latest.eval.tasks && !stages.some((s) => s.step === latest.step) ? latest : null;
  const live = inProgress
    ? { stage: stageOfStep(config, inProgress.step), step: inProgress.step, row: tasks.map((t) => inProgress.eval.tasks![t]?.acc ?? NaN), general: inProgress.eval.generalAcc }
    : null;
  const usable = base && baseline && rows.length > 0 && base.every(Number.isFinite);
  return {
    tasks,
    ends: stageEnds(config),
    base,
    generalBase: baseline?.eval.generalAcc ?? null,
    rows,
    general,
    live,
    metrics: usable ? streamMetrics({ base, generalBase: baseline.eval.generalAcc, rows, general }) : null,
  };
}

/** Every stream task's accuracy and the general accuracy (percent) at each evaluation, the baseline as step 0. */
export function streamCurves(run: Run): Array<Record<string, number>> {
  if (!isStream(run.config)) return [];
  const tasks = stageTasks(run.config);
  const points = [baselineOf(run), ...evalsOf(run)].filter((e) => e?.eval.tasks);
  return points.map((e) => {
    const point: Record<string, number> = { step: e!.type === 'eval' ? e!.step : 0, general: 100 * e!.eval.generalAcc };
    for (const t of tasks) point[t] = 100 * (e!.eval.tasks![t]?.acc ?? NaN);
    return point;
  });
}
