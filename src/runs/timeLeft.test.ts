import { describe, expect, it } from 'vitest';
import { evaluatesAt, samplesAt, type EvalPlanConfig } from '../engine/experiment/evalPlan';
import { configSchema } from '../engine/config/schema';
import { totalSteps } from '../engine/stream/stream';
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
const planOf = (steps: number, evalEvery: number) => configSchema.parse({ steps, evalEvery });

/** `full`: the evaluations on the whole held-out sets besides the last (a stream's stage ends). */
function simulate(plan: EvalPlanConfig, c: Costs, full: (step: number) => boolean = () => false): { points: PacePoint[]; end: number } {
  const points: PacePoint[] = [];
  let t = c.baselineMs;
  points.push({ kind: 'baseline', step: 0, at: t, evalSize: c.fullSize });
  let pending: number | null = null;
  const steps = totalSteps(plan);
  for (let step = 1; step <= steps; step++) {
    t += c.stepMs(step);
    if (pending !== null) points.push({ kind: 'step', step: pending, at: t });
    pending = step;
    if (!evaluatesAt(step, plan)) continue;
    points.push({ kind: 'step', step, at: t });
    pending = null;
    const last = step === steps || full(step);
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
    // Step 6's event comes once step 7 is trained: steps 4–7, four steady steps; step 7's brings the fifth.
    expect(estimateTimeLeft(at(run, 6).points, skills).known).toBe(false);
    expect(estimateTimeLeft(at(run, 7).points, skills).known).toBe(true);
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

  it('before the first evaluation, counts evaluations at what scoring the base model cost, scaled to a live one', () => {
    const textCosts: Costs = { stepMs: compiling(100), baselineMs: 4000, perExampleMs: 30, liveSize: 4, fullSize: 16, samplesMs: 180 };
    const textPlan = configSchema.parse({ scenario: 'text', steps: 200, evalEvery: 25, liveEvalSize: 4 });
    const run = simulate(textPlan, textCosts);
    // The worker timed the base model's scoring on the whole held-out sets, and its samples.
    const timed = run.points.map((p) => (p.kind === 'baseline' ? { ...p, timing: { scoreMs: 30 * 16, samplesMs: 180 } } : p));
    const { points, actualMs } = at({ points: timed, end: run.end }, 20);
    const estimate = estimateTimeLeft(points, textPlan);
    if (!estimate.known) throw new Error('pace not known at step 20');
    expect(estimate.evalsCounted).toBe(true);
    expect(estimate.msLeft).toBeCloseTo(actualMs, 6);
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

  it('follows a pace that changes: the recent steps weigh more than the early ones', () => {
    // The machine gets busy at step 60: steps take twice as long from then on.
    const slowing = { ...skillsCosts, stepMs: (step: number) => (step <= 60 ? 30 : 60) };
    const { points, actualMs } = at(simulate(skills, slowing), 110);
    const estimate = estimateTimeLeft(points, skills);
    if (!estimate.known) throw new Error('pace not known');
    // The mean of all steady steps (40 ms) would say 1.5 steps too few per 2: the estimate is nearer the pace now.
    expect(1000 / estimate.stepsPerSec).toBeGreaterThan(50);
    expect(Math.abs(estimate.msLeft - actualMs) / actualMs).toBeLessThan(0.15);
  });

  it('a single stall moves the pace only a little (it is capped, not the pace)', () => {
    const stalled = { ...skillsCosts, stepMs: (step: number) => (step === 15 ? 2000 : compiling(30)(step)) };
    const { points, actualMs } = at(simulate(skills, stalled), 20);
    const estimate = estimateTimeLeft(points, skills);
    if (!estimate.known) throw new Error('pace not known');
    // Uncapped, the 2 s stall in 17 steady steps would read as ~145 ms a step.
    expect(1000 / estimate.stepsPerSec).toBeLessThan(40);
    expect(Math.abs(estimate.msLeft - actualMs) / actualMs).toBeLessThan(0.3);
  });

  it('counts the last evaluation on the whole held-out sets, with its samples', () => {
    const run = simulate(skills, skillsCosts);
    const { points, actualMs } = at(run, 149);
    const estimate = estimateTimeLeft(points, skills);
    if (!estimate.known) throw new Error('pace not known');
    // Step 149's loss is read once step 150 is trained: what is left is the full evaluation of 128 examples with samples, far more than a live one of 12.
    const fullEval = skillsCosts.perExampleMs * skillsCosts.fullSize + skillsCosts.samplesMs;
    expect(actualMs).toBeCloseTo(fullEval, 6);
    expect(estimate.msLeft).toBeCloseTo(actualMs, 6);
  });

  it('a stream counts each stage end as a full evaluation', () => {
    const stream = configSchema.parse({ stream: ['letters', 'rotate', 'encode'], stageSteps: 40, evalEvery: 10 });
    const run = simulate(stream, skillsCosts, (step) => step % 40 === 0);
    const { points, actualMs } = at(run, 30);
    const estimate = estimateTimeLeft(points, stream);
    if (!estimate.known) throw new Error('pace not known');
    expect(Math.abs(estimate.msLeft - actualMs) / actualMs).toBeLessThan(0.03);
  });

  it('one slow evaluation does not set the cost of the rest (the median of those measured)', () => {
    const run = simulate(skills, skillsCosts);
    const points = run.points.map((p) => (p.kind === 'eval' && p.step === 20 ? { ...p } : p));
    // The evaluation at step 30 stalled for a second: every later event comes a second later.
    const i30 = points.findIndex((p) => p.kind === 'eval' && p.step === 30);
    const stalled = points.map((p, i) => (i >= i30 ? { ...p, at: p.at + 1000 } : p));
    const i40 = stalled.findIndex((p) => p.kind === 'step' && p.step === 40);
    const costs = evalCostsOf(stalled.slice(0, i40 + 1), skills);
    expect(costs?.liveMs).toBeCloseTo(skillsCosts.perExampleMs * skillsCosts.liveSize, 6);
  });
});
