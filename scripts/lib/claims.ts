/**
 * The science the lab must show, as checks over measured runs. Each claim is
 * judged per seed, so the report can say in how many seeds it held. Pure
 * functions over run results: the same code serves the `report` command and
 * the reduced claims test.
 */
import type { EvalResult } from '../../src/engine/eval/score';
import type { EventOf, ExperimentEvent, RunSummary } from '../../src/engine/experiment/events';

export interface Measured {
  summary: RunSummary;
  /** Task accuracy at each evaluation (not the baseline). */
  taskCurve: number[];
  /** Mean general accuracy at each evaluation. */
  generalCurve: number[];
  /** Mean answer loss (nats per token) over the general skills at the base model and at the last evaluation. */
  generalLoss?: { base: number; end: number };
}

/** Mean loss over an evaluation's general skills. */
const generalLossOf = (e: EvalResult) => {
  const scores = Object.values(e.general);
  return scores.reduce((a, s) => a + s.loss, 0) / scores.length;
};

export function measure(events: readonly ExperimentEvent[]): Measured | null {
  const done = events.at(-1);
  if (done?.type !== 'done') return null;
  const evals = events.filter((e): e is EventOf<'eval'> => e.type === 'eval');
  const baseline = events.find((e): e is EventOf<'baseline'> => e.type === 'baseline');
  const last = evals.at(-1);
  return {
    summary: done.summary,
    taskCurve: evals.map((e) => e.eval.task.acc),
    generalCurve: evals.map((e) => e.eval.generalAcc),
    ...(baseline && last ? { generalLoss: { base: generalLossOf(baseline.eval), end: generalLossOf(last.eval) } } : {}),
  };
}

/** How fast the task is learned: mean task accuracy over the evaluations (area under the curve). */
export function learningSpeed(m: Measured): number {
  return m.taskCurve.reduce((a, b) => a + b, 0) / Math.max(m.taskCurve.length, 1);
}

/** Slack for "non-increasing" and "more than" (fractions): one or two examples' worth of noise. */
const TOLERANCE = 0.02;

const nonIncreasing = (xs: number[], tol = TOLERANCE) => xs.every((x, i) => i === 0 || x <= xs[i - 1] + tol);
const nonDecreasing = (xs: number[], tol = TOLERANCE) => xs.every((x, i) => i === 0 || x >= xs[i - 1] - tol);

export interface ClaimResult {
  id: string;
  text: string;
  /** Per seed: held or not, with the numbers that decided it. */
  perSeed: { seed: number; held: boolean; detail: string }[];
}

/** Results by config label, then by seed. */
export type ResultTable = Record<string, Record<number, Measured>>;

const f = (x: number) => (100 * x).toFixed(1);

function perSeed(table: ResultTable, labels: string[], seeds: number[], judge: (m: Measured[]) => { held: boolean; detail: string }) {
  return seeds.flatMap((seed) => {
    const ms = labels.map((l) => table[l]?.[seed]);
    if (ms.some((m) => !m)) return [];
    return [{ seed, ...judge(ms as Measured[]) }];
  });
}

export interface ClaimSpec {
  id: string;
  text: string;
  labels: string[];
  judge: (m: Measured[]) => { held: boolean; detail: string };
}

/** Mixing cuts forgetting at least in half at a task cost of at most 15 points. */
export function mixingClaim(ignore: string, mixed: string): ClaimSpec {
  return {
    id: `mixing:${mixed}`,
    text: `${mixed} cuts forgetting at least in half vs ${ignore}, costing at most 15 task points`,
    labels: [ignore, mixed],
    judge: ([a, b]) => ({
      held: b.summary.forgetting <= a.summary.forgetting / 2 && a.summary.taskAcc - b.summary.taskAcc <= 0.15,
      detail: `forgetting ${f(a.summary.forgetting)}→${f(b.summary.forgetting)}, task ${f(a.summary.taskAcc)}→${f(b.summary.taskAcc)}`,
    }),
  };
}

/**
 * Mixing halves forgetting at a cost of at most `maxCost` of the task gain,
 * as a share of it (text: the domain gain in points of next-character
 * accuracy is a few tens of points, so the cost is relative, not absolute).
 */
export function mixingShareClaim(ignore: string, mixed: string, maxCost = 0.15): ClaimSpec {
  return {
    id: `mixing-share:${mixed}`,
    text: `${mixed} cuts forgetting at least in half vs ${ignore}, keeping at least ${100 - 100 * maxCost}% of its task gain`,
    labels: [ignore, mixed],
    judge: ([a, b]) => ({
      held: b.summary.forgetting <= a.summary.forgetting / 2 && b.summary.taskGain >= (1 - maxCost) * a.summary.taskGain,
      detail: `forgetting ${f(a.summary.forgetting)}→${f(b.summary.forgetting)}, task gain ${f(a.summary.taskGain)}→${f(b.summary.taskGain)}`,
    }),
  };
}

/** A run forgets at least `points` (a fraction: 0.15 is 15 points). */
export function forgetsAtLeastClaim(label: string, points: number, what = label): ClaimSpec {
  return {
    id: `forgets-at-least:${label}`,
    text: `${what} forgets at least ${100 * points} points`,
    labels: [label],
    judge: ([a]) => ({ held: a.summary.forgetting >= points, detail: `forgetting ${f(a.summary.forgetting)}` }),
  };
}

/** Low-rank LoRA forgets less than full fine-tuning and learns more slowly. */
export function loraVsFullClaim(full: string, lora: string): ClaimSpec {
  return {
    id: 'lora-vs-full',
    text: `${lora} forgets less than ${full} and learns more slowly (lower mean task accuracy over the run)`,
    labels: [full, lora],
    judge: ([a, b]) => ({
      held: b.summary.forgetting < a.summary.forgetting - TOLERANCE && learningSpeed(b) < learningSpeed(a) - TOLERANCE,
      detail: `forgetting ${f(a.summary.forgetting)} vs ${f(b.summary.forgetting)}, speed ${f(learningSpeed(a))} vs ${f(learningSpeed(b))}`,
    }),
  };
}

/** Along a sweep ordered from weak to strong: forgetting falls, and task learning falls with it. */
export function tradeoffClaim(id: string, text: string, weakToStrong: string[], measureGain: (m: Measured) => number): ClaimSpec {
  return {
    id,
    text,
    labels: weakToStrong,
    judge: (ms) => {
      const forget = ms.map((m) => m.summary.forgetting);
      const gain = ms.map(measureGain);
      const held =
        nonIncreasing(forget) && nonIncreasing(gain) && forget[0] - forget.at(-1)! > 2 * TOLERANCE && gain[0] - gain.at(-1)! > 2 * TOLERANCE;
      return { held, detail: `forgetting ${forget.map(f).join(' → ')}; task ${gain.map(f).join(' → ')}` };
    },
  };
}

/** Along a sweep of ranks from low to high: learns more (faster) and forgets more. */
export function rankClaim(lowToHigh: string[]): ClaimSpec {
  return {
    id: 'lora-rank',
    text: `a higher LoRA rank learns faster and forgets more (${lowToHigh.join(', ')})`,
    labels: lowToHigh,
    judge: (ms) => {
      const forget = ms.map((m) => m.summary.forgetting);
      const speed = ms.map(learningSpeed);
      const held =
        nonDecreasing(forget) && nonDecreasing(speed) && forget.at(-1)! - forget[0] > 2 * TOLERANCE && speed.at(-1)! - speed[0] > 2 * TOLERANCE;
      return { held, detail: `forgetting ${forget.map(f).join(' → ')}; speed ${speed.map(f).join(' → ')}` };
    },
  };
}

/** A lower learning rate has forgotten less at every evaluation step. */
export function learningRateClaim(highToLow: string[]): ClaimSpec {
  return {
    id: 'lower-lr',
    text: `a lower learning rate forgets less at every step (${highToLow.join(' → ')})`,
    labels: highToLow,
    judge: (ms) => {
      const steps = Math.min(...ms.map((m) => m.generalCurve.length));
      let held = true;
      for (let i = 0; i < steps; i++) held &&= nonDecreasing(ms.map((m) => m.generalCurve[i]));
      held &&= ms.at(-1)!.summary.forgetting < ms[0].summary.forgetting - 2 * TOLERANCE;
      return { held, detail: `final forgetting ${ms.map((m) => f(m.summary.forgetting)).join(' → ')}` };
    },
  };
}

/** One task forgets more than another (far vs near); names say which task a label ran. */
export function forgetsMoreClaim(far: string, near: string, farName = far, nearName = near): ClaimSpec {
  return {
    id: `far:${far}>near:${near}`,
    text: `the far task (${farName}) forgets more than the near task (${nearName})`,
    labels: [far, near],
    judge: ([a, b]) => ({
      held: a.summary.forgetting > b.summary.forgetting + TOLERANCE,
      detail: `forgetting ${f(a.summary.forgetting)} vs ${f(b.summary.forgetting)}`,
    }),
  };
}

export function judge(table: ResultTable, seeds: number[], claims: ClaimSpec[]): ClaimResult[] {
  return claims.map((c) => ({ id: c.id, text: c.text, perSeed: perSeed(table, c.labels, seeds, c.judge) }));
}
