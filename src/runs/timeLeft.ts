/**
 * Time left of a run in progress, from its measured pace: the training steps
 * still to come at the pace of the steady steps (the first steps, which
 * compile and warm up, and the evaluations are left out of it), plus the
 * evaluations still to come at their measured cost. The worker stamps each
 * event with the run's active time (pauses left out), so message delays and
 * a busy page do not count as pace.
 */
import { evaluatesAt, samplesAt, type EvalPlanConfig } from '../engine/experiment/evalPlan';
import { totalSteps } from '../engine/stream/stream';
import type { ExperimentEvent } from '../engine/experiment/events';

/** An event of a run in progress and when the worker produced it (ms of the run's active time). */
export interface PacePoint {
  kind: 'baseline' | 'step' | 'eval';
  /** The step (0 for the baseline). */
  step: number;
  at: number;
  /** baseline and eval: examples per skill behind the scores. */
  evalSize?: number;
  /** eval: whether it drew samples too. */
  samples?: boolean;
}

/** What one evaluation costs on this machine: a live one of `liveSize` examples per skill, and the samples drawn with some. */
export interface EvalCosts {
  liveMs: number;
  liveSize: number;
  samplesMs: number;
}

export type TimeLeft =
  | { known: false }
  | {
      known: true;
      msLeft: number;
      /** Training steps per second, evaluations left out. */
      stepsPerSec: number;
      /** Whether the evaluations still to come are counted (from this run's own or an earlier run's measured cost). */
      evalsCounted: boolean;
    };

type Plan = EvalPlanConfig;

/**
 * Steps run before the pace is measured: the first ones compile kernels (GPU) and warm the JIT.
 * In the page on wasm, steps 3–20 still ran ~25% slower than the rest of a default skills run
 * (an estimate 1.35–1.44× the time left at step 20), so the first ten are left out.
 */
const WARM_STEPS = 10;
/** Steady steps measured before the pace counts as known. */
const MIN_STEPS = 5;

/** The events the estimate reads (baseline, steps, evaluations), each with its time. */
export function pacePoints(events: readonly ExperimentEvent[], at: readonly number[]): PacePoint[] {
  const points: PacePoint[] = [];
  events.forEach((e, i) => {
    const t = at[i];
    if (t === undefined) return;
    if (e.type === 'baseline') points.push({ kind: 'baseline', step: 0, at: t, evalSize: e.evalSize });
    else if (e.type === 'step') points.push({ kind: 'step', step: e.step, at: t });
    else if (e.type === 'eval') points.push({ kind: 'eval', step: e.step, at: t, evalSize: e.evalSize, samples: e.samples !== undefined });
  });
  return points;
}

/**
 * Steps trained by the time a step's event comes: the engine reads a step's
 * loss while the next step runs, so a step's event comes once the next step
 * is done too, except at an evaluation (the last step is one), where it is
 * read at once.
 */
function trainedBy(step: number, plan: Plan): number {
  return evaluatesAt(step, plan) ? step : step + 1;
}

/** Each evaluation's cost: the time from the event before it (its step's) to its own. */
function measuredEvals(points: readonly PacePoint[]): { point: PacePoint; ms: number }[] {
  const out: { point: PacePoint; ms: number }[] = [];
  for (let i = 1; i < points.length; i++) if (points[i].kind === 'eval') out.push({ point: points[i], ms: points[i].at - points[i - 1].at });
  return out;
}

/** The cost of a live evaluation and of drawing samples, as measured in this run (null before its first live evaluation). */
export function evalCostsOf(points: readonly PacePoint[], plan: Plan): EvalCosts | null {
  const evals = measuredEvals(points).filter((e) => e.point.step < totalSteps(plan));
  const plain = evals.filter((e) => !e.point.samples);
  if (!plain.length) return null;
  const liveMs = plain.reduce((sum, e) => sum + e.ms, 0) / plain.length;
  const sampled = evals.filter((e) => e.point.samples);
  // Before the run's first samples: about a live evaluation's cost (engine/experiment/evalPlan.ts).
  const samplesMs = sampled.length ? Math.max(0, sampled.reduce((sum, e) => sum + e.ms, 0) / sampled.length - liveMs) : liveMs;
  return { liveMs, liveSize: plain[0].point.evalSize ?? 1, samplesMs };
}

/**
 * The time left, once the pace of at least MIN_STEPS steady steps is known.
 * `prior` is an earlier run's evaluation cost (same scenario and backend),
 * used until this run has measured its own.
 */
export function estimateTimeLeft(points: readonly PacePoint[], plan: Plan, prior: EvalCosts | null = null): TimeLeft {
  const steps = points.filter((p) => p.kind === 'step');
  const ref = steps.findIndex((p) => trainedBy(p.step, plan) >= WARM_STEPS);
  const last = steps.at(-1);
  if (ref < 0 || !last) return { known: false };
  const from = steps[ref];
  const trained = trainedBy(last.step, plan) - trainedBy(from.step, plan);
  if (trained < MIN_STEPS) return { known: false };
  // The window's evaluations are not training: take them out of its time.
  const evalMs = measuredEvals(points)
    .filter((e) => e.point.at > from.at && e.point.at <= last.at)
    .reduce((sum, e) => sum + e.ms, 0);
  const msPerStep = Math.max(0, last.at - from.at - evalMs) / trained;
  const total = totalSteps(plan);
  const stepsLeft = total - trainedBy(last.step, plan);

  const costs = evalCostsOf(points, plan) ?? prior;
  const done = new Set(points.filter((p) => p.kind === 'eval').map((p) => p.step));
  const fullSize = points.find((p) => p.kind === 'baseline')?.evalSize;
  let evalsLeftMs = 0;
  if (costs) {
    const perExample = costs.liveMs / costs.liveSize;
    for (let s = last.step; s <= total; s++) {
      if (!evaluatesAt(s, plan) || done.has(s)) continue;
      // The last evaluation uses the whole held-out sets; the others are live previews.
      const scoring = s === total && fullSize ? perExample * fullSize : costs.liveMs;
      evalsLeftMs += scoring + (samplesAt(s, plan) ? costs.samplesMs : 0);
    }
  }
  return {
    known: true,
    msLeft: stepsLeft * msPerStep + evalsLeftMs,
    stepsPerSec: msPerStep > 0 ? 1000 / msPerStep : Infinity,
    evalsCounted: costs !== null,
  };
}
