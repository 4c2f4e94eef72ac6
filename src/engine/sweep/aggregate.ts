/**
 * A sweep's results as a lever curve (one knob: the value on x, task gain and
 * forgetting on y, mean ± sd over seeds) or a grid (two knobs: a heatmap).
 * Runs that failed or were stopped are simply absent: they lower a point's n.
 */
import { configFields } from '../config/fields';
import { applySettings } from '../config/keys';
import { defaultConfig } from '../config/schema';
import type { RunSummary } from '../experiment/events';
import { sweepLabel, type SweepAxis } from './sweep';

/** The summary numbers a lever point averages (fractions, as in RunSummary; ×100 for points). */
export const LEVER_METRICS = ['taskGain', 'forgetting', 'taskAcc', 'generalAcc', 'generalTokenAcc'] as const;
export type LeverMetric = (typeof LEVER_METRICS)[number];

interface MeanSd {
  mean: number;
  /** Sample standard deviation (n − 1 in the denominator); null with a single seed. */
  sd: number | null;
}

/** One finished run of a sweep: a SweepRun's values and seed (its label too, if at hand) and its summary. */
export interface SweepResult {
  values: Record<string, unknown>;
  seed: number;
  summary: RunSummary;
  label?: string;
}

/** One value combination over the seeds that finished. */
export type LeverPoint = {
  values: Record<string, unknown>;
  label: string;
  /** How many seeds finished: fewer than the sweep's seeds when some failed or were stopped. */
  n: number;
  /** The seeds behind the numbers, ascending. */
  seeds: number[];
} & Record<LeverMetric, MeanSd>;

/** Two knobs: cells[row][column], rows following y's values and columns x's, null where no seed finished. */
export interface LeverGrid {
  x: SweepAxis;
  y: SweepAxis;
  cells: (LeverPoint | null)[][];
}

function meanSd(xs: readonly number[]): MeanSd {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  if (xs.length < 2) return { mean, sd: null };
  const ss = xs.reduce((a, x) => a + (x - mean) ** 2, 0);
  return { mean, sd: Math.sqrt(ss / (xs.length - 1)) };
}

/** An axis with its values in plotting order: numbers ascending, enum choices in the schema's order, off before on; anything else as given. */
export function orderedAxis(axis: SweepAxis): SweepAxis {
  const values = [...axis.values];
  const field = configFields()[axis.key];
  if (values.every((v) => typeof v === 'number')) values.sort((a, b) => (a as number) - (b as number));
  else if (values.every((v) => typeof v === 'boolean')) values.sort((a, b) => Number(a) - Number(b));
  else if (field?.kind === 'enum') {
    const rank = (v: unknown) => {
      const i = field.values.indexOf(String(v));
      return i < 0 ? Infinity : i;
    };
    values.sort((a, b) => rank(a) - rank(b));
  }
  return { key: axis.key, values };
}

const idOf = (keys: readonly string[], values: Record<string, unknown>) => JSON.stringify(keys.map((k) => values[k]));

function pointOf(values: Record<string, unknown>, results: readonly SweepResult[]): LeverPoint | null {
  if (!results.length) return null;
  // One result per seed (a seed run twice counts once).
  const bySeed = new Map<number, SweepResult>();
  for (const r of results) if (!bySeed.has(r.seed)) bySeed.set(r.seed, r);
  const seeds = [...bySeed.keys()].sort((a, b) => a - b);
  const kept = seeds.map((s) => bySeed.get(s)!);
  const stats = Object.fromEntries(LEVER_METRICS.map((m) => [m, meanSd(kept.map((r) => r.summary[m]))])) as Record<LeverMetric, MeanSd>;
  const label = results.find((r) => r.label)?.label ?? sweepLabel(values, applySettings(defaultConfig(), values).config);
  return { values, label, n: seeds.length, seeds, ...stats };
}

function group(axes: readonly SweepAxis[], results: readonly SweepResult[]): Map<string, SweepResult[]> {
  const keys = axes.map((a) => a.key);
  const groups = new Map<string, SweepResult[]>();
  for (const r of results) {
    const id = idOf(keys, r.values);
    const list = groups.get(id);
    if (list) list.push(r);
    else groups.set(id, [r]);
  }
  return groups;
}

/**
 * The lever curve: one point per value combination that has at least one
 * finished seed, in plotting order (the first axis outermost). Results whose
 * values are not on the axes are ignored.
 */
export function leverCurve(axes: readonly SweepAxis[], results: readonly SweepResult[]): LeverPoint[] {
  const ordered = axes.map(orderedAxis);
  const groups = group(ordered, results);
  let combos: Record<string, unknown>[] = ordered.length ? [{}] : [];
  for (const axis of ordered) combos = combos.flatMap((c) => axis.values.map((v) => ({ ...c, [axis.key]: v })));
  const keys = ordered.map((a) => a.key);
  return combos.map((values) => pointOf(values, groups.get(idOf(keys, values)) ?? [])).filter((p): p is LeverPoint => p !== null);
}

/** The grid of two knobs: x the first axis, y the second, both in plotting order. */
export function leverGrid(axes: readonly [SweepAxis, SweepAxis], results: readonly SweepResult[]): LeverGrid {
  const [x, y] = axes.map(orderedAxis);
  const groups = group([x, y], results);
  const cells = y.values.map((yv) =>
    x.values.map((xv) => {
      const values = { [x.key]: xv, [y.key]: yv };
      return pointOf(values, groups.get(idOf([x.key, y.key], values)) ?? []);
    }),
  );
  return { x, y, cells };
}
