/**
 * Judging a finished run against a challenge: each goal met or not, with the
 * margin ("forgetting 7.9 ≤ 10: met by 2.1"), and whether the run kept the
 * challenge's locked settings (a run made under other rules does not count,
 * however good its numbers). Pure functions of the run's config and summary.
 */
import { flattenConfig } from '../engine/config/keys';
import { settingText } from '../engine/config/naming';
import type { ExperimentConfig } from '../engine/config/schema';
import type { RunSummary } from '../engine/experiment/events';
import { GOAL_METRICS, type Challenge, type GoalId } from './challenge';

export interface GoalCheck {
  id: GoalId;
  label: string;
  relation: '≤' | '≥';
  value: number;
  bound: number;
  met: boolean;
  /** How far inside the bound the value is (≥ 0 when met), or how far outside it (> 0 when missed). */
  margin: number;
  /** The value and the margin as the page writes them ('7.9', '2.1'). */
  valueText: string;
  marginText: string;
  /** 'forgetting 7.9 ≤ 10: met by 2.1' */
  text: string;
}

export interface RuleBreak {
  key: string;
  /** 'task rotate, locked at task letters' */
  text: string;
}

export interface Verdict {
  /** Every goal met, under the challenge's rules. */
  met: boolean;
  checks: GoalCheck[];
  /** Locked settings the run did not keep: if any, the run is not under the challenge's rules. */
  breaks: RuleBreak[];
  /** One line: 'met: forgetting 7.9 ≤ 10: met by 2.1; …' */
  text: string;
}

/**
 * Summary numbers are sums of multiples of 1/128 scaled by 100: rounding to
 * 1e-6 removes float noise (0.1 × 100 = 10.000000000000002) and nothing else.
 */
const settle = (x: number) => Math.round(x * 1e6) / 1e6;

/**
 * A number with as many decimals (1 to 3) as it takes not to read as the
 * bound it differs from: 9.96 against 10 is '9.96', not '10.0'.
 */
function numberText(x: number, integer: boolean, unlike?: number): string {
  if (integer) return String(Math.round(x));
  for (let digits = 1; digits < 3; digits++) {
    const text = x.toFixed(digits);
    if (unlike === undefined || x === unlike || Number(text) !== unlike) return text;
  }
  return x.toFixed(3);
}

function marginText(margin: number, integer: boolean): string {
  if (integer) return String(Math.round(margin));
  // A margin that is not zero never reads as '0.0'.
  for (let digits = 1; digits < 3; digits++) {
    const text = margin.toFixed(digits);
    if (margin === 0 || Number(text) !== 0) return text;
  }
  return margin.toFixed(3);
}

/** Each goal of the challenge against a finished run's summary. */
export function checkGoals(challenge: Challenge, summary: RunSummary): GoalCheck[] {
  return GOAL_METRICS.flatMap((m) => {
    const bound = challenge.goal[m.id];
    if (bound === undefined) return [];
    const value = settle(m.of(summary));
    const inside = settle(m.bound === 'max' ? bound - value : value - bound);
    const met = inside >= 0;
    const margin = Math.abs(inside);
    const relation = m.bound === 'max' ? '≤' : '≥';
    const shown = { valueText: numberText(value, m.integer, bound), marginText: marginText(margin, m.integer) };
    const text = `${m.label} ${shown.valueText} ${relation} ${bound}: ${met ? 'met' : 'missed'} by ${shown.marginText}`;
    return [{ id: m.id, label: m.label, relation, value, bound, met, margin: met ? inside : margin, ...shown, text }];
  });
}

/** The locked settings a run changed. */
export function ruleBreaks(challenge: Challenge, config: ExperimentConfig): RuleBreak[] {
  const flat = flattenConfig(config);
  return Object.entries(challenge.fixed).flatMap(([key, value]) =>
    JSON.stringify(flat[key]) === JSON.stringify(value) ? [] : [{ key, text: `${settingText(key, flat[key], config)}, locked at ${settingText(key, value, config)}` }],
  );
}

/** A finished run (its config and summary) against the challenge. */
export function checkRun(challenge: Challenge, run: { config: ExperimentConfig; summary: RunSummary }): Verdict {
  const checks = checkGoals(challenge, run.summary);
  const breaks = ruleBreaks(challenge, run.config);
  const met = breaks.length === 0 && checks.every((c) => c.met);
  const text = breaks.length
    ? `not under this challenge's rules: ${breaks.map((b) => b.text).join('; ')}`
    : `${met ? 'met' : 'not met'}: ${checks.map((c) => c.text).join('; ')}`;
  return { met, checks, breaks, text };
}

/** The rule that picks the best run, in words (the page states it beside the pick). */
export const BEST_RUN_RULE = 'Best run: of the runs that meet the challenge, the one that forgets least (ties: more task gain, then fewer steps).';

/**
 * The best of the runs that meet the challenge (BEST_RUN_RULE), or null if
 * none does. Runs that tie on all three keep their order: the first wins.
 */
export function bestRun<R extends { config: ExperimentConfig; summary: RunSummary }>(challenge: Challenge, runs: readonly R[]): R | null {
  let best: R | null = null;
  for (const run of runs) {
    if (!checkRun(challenge, run).met) continue;
    if (best === null || better(run.summary, best.summary)) best = run;
  }
  return best;
}

function better(a: RunSummary, b: RunSummary): boolean {
  const fa = settle(a.forgetting);
  const fb = settle(b.forgetting);
  if (fa !== fb) return fa < fb;
  const ga = settle(a.taskGain);
  const gb = settle(b.taskGain);
  if (ga !== gb) return ga > gb;
  return a.steps < b.steps;
}
