/**
 * When a run evaluates, and which evaluations carry samples: the schedule
 * runExperiment follows, pure, so the page can plan with it (the time-left
 * estimate counts the evaluations still to come).
 */
import type { ExperimentConfig } from '../config/schema';

type Plan = Pick<ExperimentConfig, 'steps' | 'evalEvery'>;

/** Every `evalEvery` steps, and at the last step. */
export function evaluatesAt(step: number, config: Plan): boolean {
  return step % config.evalEvery === 0 || step === config.steps;
}

/**
 * Answers to the fixed prompts (greedy; text: sampled) cost about as much as a live
 * evaluation: they are taken at the evaluation nearest the middle of the run
 * and at the last.
 */
export function samplesAt(step: number, config: Plan): boolean {
  const middle = Math.max(config.evalEvery, Math.round(config.steps / 2 / config.evalEvery) * config.evalEvery);
  return step === config.steps || step === middle;
}
