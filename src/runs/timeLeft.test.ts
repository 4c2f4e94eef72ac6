import { describe, expect, it } from 'vitest';
import { evaluatesAt, samplesAt, type EvalPlanConfig } from '../engine/experiment/evalPlan';
import { configSchema } from '../engine/config/schema';
import { estimateTimeLeft, evalCostsOf, type PacePoint } from './timeLeft';

interface Costs {
  /** ms per training step, by step (the first ones compile). */
  stepMs: (step: number) => number;
  baselineMs: number;
  perExampleMs: number;
  liveSize: number;
  fullSize: number;
  samplesMs: number;
}

/** The events a run sends, in the engine's order (a step's loss is read while the next step trains), each stamped with the time it came. */
/** A whole config (one task, no stream) of that length and evaluation period. */
const planOf = (steps: number, evalEvery: number): EvalPlanConfig => configSchema.parse({ steps, evalEvery });

function simulate(plan: EvalPlanConfig, c: Costs): { points: PacePoint[]; end: number } {
  const points: PacePoint[] = [];
  let t = c.baselineMs;
  points.push({ kind: 'baseline', step: 0, at: t, evalSize: c.fullSize });
  let pending: number | null = null;
  for (let step = 1; step <= plan.steps; step++) {
    t += c.stepMs(step);
    if (pending !== null) points.push({ kind: 'step', step: pending, at: t });
    pending = step;
    if (!evaluatesAt(step, plan)) continue;
    points.push({ kind: 'step', step, at: t });
    pending = null;
    const last = step === plan.steps;
    const samples = samplesAt(step, plan);
    t += c.perExampleMs * (last ? c.fullSize : c.liveSize) + (samples ? c.samplesMs : 0);
    points.push({ kind: 'eval', step, at: t, evalSize: last ? c.fullSize : c.liveSize, samples });
  }
  return { points, end: t };
}

/** The points up to and including the step event of `step`, and the time left after it. */
function at(run: { points: PacePoint[]; end: number }, step: number) {
  const i = run.points.findIndex((p) => p.kind === 'step' && p.step === step);
  const points = run.points.slice(0, i + 1);
  return { points, actualMs: run.end - points[i].at };
}

const skills = planOf(150, 10);
const text = planOf(200, 25);
// The first step compiles, the second warms up; then a steady pace.
const compiling = (steady: number) => (step: number) => (step === 1 ? 40 * steady : step === 2 ? 3 * steady : steady);

describe('estimateTimeLeft', () => {
  const skillsCosts: Costs = { stepMs: compiling(30), baselineMs: 1500, perExampleMs: 2, liveSize: 12, fullSize: 128, samplesMs: 25 };

  it('is the remaining steps at the steady pace plus the remaining evaluations at their cost', () => {
    const run = simulate(skills, skillsCosts);
    for (const step of [20, 45, 81, 140, 149]) {
      const { points, actualMs } = at(run, step);
      const estimate = estimateTimeLeft(points, skills);
      expect(estimate.known).toBe(true);
      if (!estimate.known) continue;
      expect(estimate.stepsPerSec).toBeCloseTo(1000 / 30, 6);
      expect(estimate.evalsCounted).toBe(true);
      // Exact but for the samples at the last evaluation, which cost what they cost at the middle one once it is measured.
      expect(estimate.msLeft).toBeGreaterThan(actualMs * 0.97);
      expect(estimate.msLeft).toBeLessThan(actualMs * 1.03);
    }
  });

  it('does not count the first steps or the baseline as pace (the old estimate was many times too high at the start)', () => {
    const slowStart = { ...skillsCosts, baselineMs: 5000, stepMs: compiling(20) };
    const { points, actualMs } = at(simulate(skills, slowStart), 20);
    const estimate = estimateTimeLeft(points, skills);
    if (!estimate.known) throw new Error('pace not known at step 20');
    expect(estimate.stepsPerSec).toBeCloseTo(50, 6);
    expect(Math.abs(estimate.msLeft - actualMs) / actualMs).toBeLessThan(0.05);
    // Elapsed time over steps done, as before: far off.
    const naive = ((points.at(-1)!.at / 20) * (150 - 20)) / actualMs;
    expect(naive).toBeGreaterThan(3);
  });

  it('is unknown until a few steady steps are measured', () => {
    const run = simulate(skills, skillsCosts);
    expect(estimateTimeLeft(at(run, 1).points, skills).known).toBe(false);
    expect(estimateTimeLeft(at(run, 5).points, skills).known).toBe(false);
    expect(estimateTimeLeft(at(run, 12).points, skills).known).toBe(false);
    expect(estimateTimeLeft(at(run, 16).points, skills).known).toBe(true);
    expect(estimateTimeLeft([], skills).known).toBe(false);
  });

  it('before the first evaluation, counts evaluations at an earlier run’s cost when given one, and says when it cannot', () => {
    const textCosts: Costs = { stepMs: compiling(100), baselineMs: 4000, perExampleMs: 30, liveSize: 4, fullSize: 16, samplesMs: 180 };
    const run = simulate(text, textCosts);
    const { points, actualMs } = at(run, 20);
    const alone = estimateTimeLeft(points, text);
    if (!alone.known) throw new Error('pace not known at step 20');
    expect(alone.evalsCounted).toBe(false);
    expect(alone.msLeft).toBeLessThan(actualMs);
    const earlier = evalCostsOf(run.points, text);
    expect(earlier).toEqual({ liveMs: 120, liveSize: 4, samplesMs: 180 });
    const withPrior = estimateTimeLeft(points, text, earlier);
    if (!withPrior.known) throw new Error('pace not known at step 20');
    expect(withPrior.evalsCounted).toBe(true);
    expect(withPrior.msLeft).toBeCloseTo(actualMs, 6);
  });

  it('handles an evaluation at every step', () => {
    const plan = planOf(30, 1);
    const run = simulate(plan, { ...skillsCosts, perExampleMs: 1 });
    const { points, actualMs } = at(run, 18);
    const estimate = estimateTimeLeft(points, plan);
    if (!estimate.known) throw new Error('pace not known');
    expect(estimate.stepsPerSec).toBeCloseTo(1000 / 30, 6);
    expect(Math.abs(estimate.msLeft - actualMs) / actualMs).toBeLessThan(0.03);
  });
});
