/**
 * Chart data derived from runs' events: no tfjs, no React, so it is tested
 * on its own. Charts plot evaluation points (a few per run), which keeps them
 * cheap however many steps a run has.
 */
import { baselineOf, evalsOf, summaryOf, type Run } from '../../store/run';

export interface AccuracyPoint {
  step: number;
  task: number;
  general: number;
  taskToken: number;
  generalToken: number;
}

/** Task and mean general accuracy (percent) at the baseline (step 0) and every evaluation. */
export function accuracySeries(run: Run): AccuracyPoint[] {
  const base = baselineOf(run);
  const points = base ? [{ step: 0, eval: base.eval }] : [];
  for (const e of evalsOf(run)) points.push({ step: e.step, eval: e.eval });
  return points.map(({ step, eval: ev }) => ({
    step,
    task: 100 * ev.task.acc,
    general: 100 * ev.generalAcc,
    taskToken: 100 * ev.task.tokenAcc,
    generalToken: 100 * ev.generalTokenAcc,
  }));
}

/** Per-skill exact match (percent) over steps: [{step, copy, reverse, ...}]. */
export function skillSeries(run: Run): Array<Record<string, number>> {
  const base = baselineOf(run);
  const points = base ? [{ step: 0, eval: base.eval }] : [];
  for (const e of evalsOf(run)) points.push({ step: e.step, eval: e.eval });
  return points.map(({ step, eval: ev }) => {
    const row: Record<string, number> = { step };
    for (const [skill, score] of Object.entries(ev.general)) row[skill] = 100 * score.acc;
    return row;
  });
}

export function skillNames(run: Run): string[] {
  const base = baselineOf(run);
  return base ? Object.keys(base.eval.general) : [];
}

/** Latest per-module drift ‖θ−θ0‖ of a run, in module order. */
export function latestDrift(run: Run): { module: string; drift: number }[] {
  const last = evalsOf(run).at(-1);
  return last ? Object.entries(last.drift.byLayer).map(([module, drift]) => ({ module, drift })) : [];
}

export interface TradeoffPoint {
  id: string;
  name: string;
  forgetting: number;
  taskGain: number;
}

/** Finished runs as points: x = forgetting, y = task gain (percentage points). */
export function tradeoffPoints(runs: readonly Run[]): TradeoffPoint[] {
  return runs.flatMap((run) => {
    const s = summaryOf(run);
    return s ? [{ id: run.id, name: run.name, forgetting: 100 * s.forgetting, taskGain: 100 * s.taskGain }] : [];
  });
}

/**
 * The Pareto front: points no other point beats on both counts (less
 * forgetting and at least as much gain, or more gain and no more forgetting),
 * sorted by forgetting so it draws as a staircase line.
 */
export function paretoFront(points: readonly TradeoffPoint[]): TradeoffPoint[] {
  const dominated = (p: TradeoffPoint) =>
    points.some((q) => q !== p && q.forgetting <= p.forgetting && q.taskGain >= p.taskGain && (q.forgetting < p.forgetting || q.taskGain > p.taskGain));
  return points.filter((p) => !dominated(p)).sort((a, b) => a.forgetting - b.forgetting || a.taskGain - b.taskGain);
}
