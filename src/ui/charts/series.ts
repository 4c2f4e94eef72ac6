/**
 * Chart data derived from runs' events: no tfjs, no React, so it is tested
 * on its own. Charts plot evaluation points (a few per run), which keeps them
 * cheap however many steps a run has.
 */
import { leverCurve, leverGrid, type LeverPoint, type SweepResult } from '../../engine/sweep/aggregate';
import type { SweepAxis } from '../../engine/sweep/sweep';
import { baselineOf, evalsOf, summaryOf, type Run } from '../../runs/run';

export interface AccuracyPoint {
  step: number;
  task: number;
  general: number;
  taskToken: number;
  generalToken: number;
  /** Text runs: bits per character on the domain and on general prose (mean over genres). */
  taskBpc?: number;
  generalBpc?: number;
}

/** Task and mean general accuracy (percent) at the baseline (step 0) and every evaluation; text runs' bits per character beside them. */
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
    ...(ev.task.bpc !== undefined ? { taskBpc: ev.task.bpc } : {}),
    ...(ev.generalBpc !== undefined ? { generalBpc: ev.generalBpc } : {}),
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
  /** The short label beside the point: its swept values for a sweep's run, else its name. */
  label: string;
}

/** Finished runs as points: x = forgetting, y = task gain (percentage points). */
export function tradeoffPoints(runs: readonly Run[]): TradeoffPoint[] {
  return runs.flatMap((run) => {
    const s = summaryOf(run);
    if (!s) return [];
    const label = run.sweep ? Object.values(run.sweep.values).map(String).join(' · ') : run.name;
    return [{ id: run.id, name: run.name, forgetting: 100 * s.forgetting, taskGain: 100 * s.taskGain, label }];
  });
}

/** A sweep as the page sees it, gathered from its runs (nothing about a sweep is stored apart from them). */
export interface SweepView {
  id: string;
  name: string;
  axes: string[];
  runs: Run[];
}

/** The sweeps among the runs, in the order they first appear. */
export function sweepsOf(runs: readonly Run[]): SweepView[] {
  const sweeps = new Map<string, SweepView>();
  for (const run of runs) {
    if (!run.sweep) continue;
    const known = sweeps.get(run.sweep.id);
    if (known) known.runs.push(run);
    else sweeps.set(run.sweep.id, { id: run.sweep.id, name: run.sweep.name, axes: run.sweep.axes, runs: [run] });
  }
  return [...sweeps.values()];
}

/** A sweep's axes (the values its runs used) and its finished runs' results. */
function sweepResults(sweep: SweepView): { axes: SweepAxis[]; results: SweepResult[] } {
  const axes = sweep.axes.map((key) => ({ key, values: uniqueValues(sweep.runs.map((r) => r.sweep!.values[key])) }));
  const results = sweep.runs.flatMap((r) => {
    const s = summaryOf(r);
    return s ? [{ values: r.sweep!.values, seed: r.sweep!.seed, summary: s }] : [];
  });
  return { axes, results };
}

/** Distinct values, lists compared by content (lora.targets values are arrays). */
function uniqueValues(values: unknown[]): unknown[] {
  const seen = new Map<string, unknown>();
  for (const v of values) if (!seen.has(JSON.stringify(v))) seen.set(JSON.stringify(v), v);
  return [...seen.values()];
}

/** A lever point in percentage points: mean and sd (0 with one seed) of task gain and forgetting. */
export interface LeverRow {
  value: string;
  taskGain: number;
  taskGainSd: number;
  forgetting: number;
  forgettingSd: number;
  n: number;
}

const rowOf = (key: string, p: LeverPoint, text: (key: string, v: unknown) => string): LeverRow => ({
  value: text(key, p.values[key]),
  taskGain: 100 * p.taskGain.mean,
  taskGainSd: 100 * (p.taskGain.sd ?? 0),
  forgetting: 100 * p.forgetting.mean,
  forgettingSd: 100 * (p.forgetting.sd ?? 0),
  n: p.n,
});

/** A one-knob sweep as a lever curve, in the knob's value order; values with no finished seed are left out. */
export function sweepLever(sweep: SweepView, text: (key: string, v: unknown) => string): LeverRow[] {
  const { axes, results } = sweepResults(sweep);
  return leverCurve(axes.slice(0, 1), results).map((p) => rowOf(axes[0].key, p, text));
}

/**
 * A two-knob sweep as a grid: rows the second knob's values, columns the first's; null where no seed finished.
 * `planned` axes (a class sweep's whole grid) show cells nobody has run yet, empty; by default the axes are the values the runs used.
 */
export function sweepGrid(sweep: SweepView, text: (key: string, v: unknown) => string, planned?: readonly SweepAxis[]): { x: string[]; y: string[]; cells: (LeverRow | null)[][] } | null {
  const { axes: used, results } = sweepResults(sweep);
  const axes = planned ?? used;
  if (axes.length !== 2) return null;
  const grid = leverGrid([axes[0], axes[1]], results);
  return {
    x: grid.x.values.map((v) => text(grid.x.key, v)),
    y: grid.y.values.map((v) => text(grid.y.key, v)),
    cells: grid.cells.map((row) => row.map((p) => (p ? rowOf(grid.x.key, p, text) : null))),
  };
}

/**
 * A one-knob sweep's trade-off curve: the mean point of each value, joined in
 * value order (so each lever draws its own curve in the trade-off chart).
 */
export function sweepTradeoff(sweep: SweepView): Array<{ label: string; forgetting: number; taskGain: number; n: number }> {
  const { axes, results } = sweepResults(sweep);
  return leverCurve(axes, results).map((p) => ({ label: Object.values(p.values).map(String).join(' · '), forgetting: 100 * p.forgetting.mean, taskGain: 100 * p.taskGain.mean, n: p.n }));
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

/** The colour family of a run: the seeds of one sweep value share one (palette.ts shades them); any other run has none of its own. */
export function familyOf(run: Run): string | undefined {
  return run.sweep ? `${run.sweep.id}:${JSON.stringify(run.sweep.values)}` : undefined;
}

/** One legend entry: a run, or the seeds of one sweep value folded into one. */
export interface LegendEntry {
  id: string;
  name: string;
  color: string;
  /** The runs it stands for: hovering or focusing the entry highlights them on every chart. */
  runIds: string[];
  /** What clicking it puts in focus mode. */
  spotlight: { kind: 'run' | 'sweep'; id: string };
}

/** Legend entries for runs, in order: each plain run, and each sweep value once however many seeds ran it. */
export function legendEntries(runs: ReadonlyArray<{ run: Run; color: string }>): LegendEntry[] {
  const entries: LegendEntry[] = [];
  const byFamily = new Map<string, LegendEntry>();
  for (const { run, color } of runs) {
    const family = familyOf(run);
    const known = family === undefined ? undefined : byFamily.get(family);
    if (known) {
      known.runIds.push(run.id);
      continue;
    }
    const entry: LegendEntry = run.sweep
      ? { id: `family-${family}`, name: `${run.sweep.name}: ${Object.values(run.sweep.values).map(String).join(' · ')}`, color, runIds: [run.id], spotlight: { kind: 'sweep', id: run.sweep.id } }
      : { id: run.id, name: run.name, color, runIds: [run.id], spotlight: { kind: 'run', id: run.id } };
    if (family !== undefined) byFamily.set(family, entry);
    entries.push(entry);
  }
  for (const e of entries) if (e.runIds.length > 1) e.name = `${e.name} (${e.runIds.length} seeds)`;
  return entries;
}
