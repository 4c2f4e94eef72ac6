/**
 * Time left of a run in progress, from its measured pace: the training steps
 * still to come at the recent pace of the steady steps, plus the evaluations
 * still to come at their measured cost. The worker stamps each event with the
 * run's active time (pauses left out), so message delays and a busy page do
 * not count as pace. Re-estimated at every event; recorded page runs check it
 * (runs/paceTraces/, timeLeft.test.ts).
 */
import { evaluatesAt, samplesAt, type EvalPlanConfig } from '../engine/experiment/evalPlan';
import { stageEnds, totalSteps } from '../engine/stream/stream';
import type { ExperimentEvent } from '../engine/experiment/events';
import type { ExperimentConfig } from '../engine/config/schema';

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
  /** baseline: what scoring the whole held-out sets and drawing samples cost when the base model was scored. */
  timing?: { scoreMs: number; samplesMs: number };
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
      /** Whether the evaluations still to come are counted (at a cost measured in this run, an earlier one, or the base model's scoring). */
      evalsCounted: boolean;
    };

/** The evaluation plan, and the live evaluations' size (examples per skill, at most the held-out sets'). */
type Plan = EvalPlanConfig & Pick<ExperimentConfig, 'liveEvalSize'>;

/**
 * Steps run before the pace is measured: the first compiles kernels (GPU) and
 * warms the JIT. Recorded page runs (runs/paceTraces/) show no slow start after
 * step 3 worth leaving out: what slows steps 3–20 there is the machine's other
 * load, which the rest of the run sees too.
 */
const WARM_STEPS = 3;
/** Steady steps measured before the pace counts as known. */
const MIN_STEPS = 5;
/**
 * The pace weighs recent steps more: a step this many steps back counts half
 * as much, so the estimate follows a machine that speeds up or slows down.
 */
const HALF_LIFE_STEPS = 40;
/**
 * A step slower than this many times the median still counts, but only as this
 * many times the median: a stall (another tab, a garbage collection) is not the
 * pace, and such stalls come again, so it is not left out either.
 */
const STALL_CAP = 3;

/** The events the estimate reads (baseline, steps, evaluations), each with its time. */
export function pacePoints(events: readonly ExperimentEvent[], at: readonly number[]): PacePoint[] {
  const points: PacePoint[] = [];
  events.forEach((e, i) => {
    const t = at[i];
    if (t === undefined) return;
    if (e.type === 'baseline') points.push({ kind: 'baseline', step: 0, at: t, evalSize: e.evalSize, ...(e.timing ? { timing: e.timing } : {}) });
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

/** Training between two events: `steps` steps, the last of them `last`, in `ms`. */
interface Stretch {
  last: number;
  steps: number;
  ms: number;
}

/** The training stretches between consecutive events (the time of an evaluation is not in them). */
function stretches(points: readonly PacePoint[], plan: Plan): Stretch[] {
  const out: Stretch[] = [];
  for (let i = 1; i < points.length; i++) {
    const [a, b] = [points[i - 1], points[i]];
    if (b.kind !== 'step') continue;
    // After an evaluation at step s, training resumes at s + 1.
    const from = a.kind === 'eval' ? a.step : a.kind === 'step' ? trainedBy(a.step, plan) : 0;
    const last = trainedBy(b.step, plan);
    if (last > from) out.push({ last, steps: last - from, ms: b.at - a.at });
  }
  return out;
}

/** The weighted median of values. */
function weightedMedian(values: readonly { v: number; w: number }[]): number {
  const sorted = [...values].sort((x, y) => x.v - y.v);
  const half = sorted.reduce((sum, x) => sum + x.w, 0) / 2;
  let seen = 0;
  for (const x of sorted) {
    seen += x.w;
    if (seen >= half) return x.v;
  }
  return sorted.at(-1)?.v ?? 0;
}

/**
 * ms per training step: the steady stretches' mean, recent ones weighing more
 * (HALF_LIFE_STEPS) and stalls capped (STALL_CAP). Null until MIN_STEPS steady steps.
 */
function msPerStep(points: readonly PacePoint[], plan: Plan): number | null {
  const steady = stretches(points, plan).filter((s) => s.last - s.steps >= WARM_STEPS);
  const measured = steady.reduce((sum, s) => sum + s.steps, 0);
  if (measured < MIN_STEPS) return null;
  const now = steady.at(-1)!.last;
  const weighted = steady.map((s) => ({ v: s.ms / s.steps, w: s.steps * 0.5 ** ((now - s.last) / HALF_LIFE_STEPS) }));
  const cap = STALL_CAP * weightedMedian(weighted);
  const total = weighted.reduce((sum, x) => sum + x.w, 0);
  return weighted.reduce((sum, x) => sum + x.w * Math.min(x.v, cap), 0) / total;
}

/** Each evaluation's cost: the time from the event before it (its step's) to its own. */
function measuredEvals(points: readonly PacePoint[]): { point: PacePoint; ms: number }[] {
  const out: { point: PacePoint; ms: number }[] = [];
  for (let i = 1; i < points.length; i++) if (points[i].kind === 'eval') out.push({ point: points[i], ms: points[i].at - points[i - 1].at });
  return out;
}

const median = (values: readonly number[]) => weightedMedian(values.map((v) => ({ v, w: 1 })));

/**
 * The cost of a live evaluation and of drawing samples, as measured in this run
 * (null before its first live evaluation). Medians: one evaluation slowed by a
 * stall does not set the cost of all the rest.
 */
export function evalCostsOf(points: readonly PacePoint[], plan: Plan): EvalCosts | null {
  const fullSize = points.find((p) => p.kind === 'baseline')?.evalSize;
  const evals = measuredEvals(points).filter((e) => e.point.step < totalSteps(plan));
  // Live: the smaller evaluations (a stream's stage ends use the whole held-out sets).
  const live = evals.filter((e) => fullSize === undefined || (e.point.evalSize ?? 0) < fullSize);
  const plain = live.filter((e) => !e.point.samples);
  if (!plain.length) return null;
  const liveMs = median(plain.map((e) => e.ms));
  const sampled = live.filter((e) => e.point.samples);
  // Before the run's first samples: about a live evaluation's cost (engine/experiment/evalPlan.ts).
  const samplesMs = sampled.length ? Math.max(0, median(sampled.map((e) => e.ms)) - liveMs) : liveMs;
  return { liveMs, liveSize: plain[0].point.evalSize ?? 1, samplesMs };
}

/**
 * Before any live evaluation: the cost of one from the base model's scoring
 * (the whole held-out sets, scaled down to a live evaluation's size), timed in
 * the worker before the run (null from a run that did not time it).
 */
function baselineCosts(points: readonly PacePoint[], plan: Plan): EvalCosts | null {
  const base = points.find((p) => p.kind === 'baseline');
  if (!base?.timing || !base.evalSize) return null;
  const liveSize = Math.min(plan.liveEvalSize, base.evalSize);
  return { liveMs: (base.timing.scoreMs * liveSize) / base.evalSize, liveSize, samplesMs: base.timing.samplesMs };
}

/** The evaluations still to come after `step`, at their cost: live ones as measured, full ones (the last, a stream's stage ends) scaled up to the whole held-out sets. */
function evalsLeftMs(points: readonly PacePoint[], step: number, plan: Plan, costs: EvalCosts): number {
  const total = totalSteps(plan);
  const done = new Set(points.filter((p) => p.kind === 'eval').map((p) => p.step));
  const fullSize = points.find((p) => p.kind === 'baseline')?.evalSize;
  const fullAt = new Set([total, ...stageEnds(plan)]);
  const perExample = costs.liveMs / costs.liveSize;
  let ms = 0;
  for (let s = step; s <= total; s++) {
    if (!evaluatesAt(s, plan) || done.has(s)) continue;
    const scoring = fullAt.has(s) && fullSize ? perExample * fullSize : costs.liveMs;
    ms += scoring + (samplesAt(s, plan) ? costs.samplesMs : 0);
  }
  return ms;
}

/**
 * The time left, once the pace of at least MIN_STEPS steady steps is known.
 * The evaluations still to come cost what this run's cost, or before its first:
 * what they cost in `prior`, an earlier run (same scenario and backend), or
 * else what scoring the base model cost.
 */
export function estimateTimeLeft(points: readonly PacePoint[], plan: Plan, prior: EvalCosts | null = null): TimeLeft {
  const pace = msPerStep(points, plan);
  const last = points.filter((p) => p.kind === 'step').at(-1);
  if (pace === null || !last) return { known: false };
  const stepsLeft = totalSteps(plan) - trainedBy(last.step, plan);
  const costs = evalCostsOf(points, plan) ?? prior ?? baselineCosts(points, plan);
  return {
    known: true,
    msLeft: stepsLeft * pace + (costs ? evalsLeftMs(points, last.step, plan, costs) : 0),
    stepsPerSec: pace > 0 ? 1000 / pace : Infinity,
    evalsCounted: costs !== null,
  };
}
