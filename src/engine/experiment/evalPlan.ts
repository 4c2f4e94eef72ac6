/**
 * When a run evaluates, and which evaluations carry samples: the schedule
 * runExperiment follows, pure, so the page can plan with it (the time-left
 * estimate counts the evaluations still to come).
 */
import type { ExperimentConfig } from '../config/schema';
import { stageEnds, totalSteps } from '../stream/stream';

/** What the schedule depends on: the evaluation period and the run's length (a stream's: every stage's). */
export type EvalPlanConfig = Pick<ExperimentConfig, 'scenario' | 'stream' | 'stageSteps' | 'steps' | 'task' | 'domain' | 'evalEvery'>;

/** Every `evalEvery` steps, at the end of each stage of a stream, and at the last step. */
export function evaluatesAt(step: number, config: EvalPlanConfig): boolean {
  return step % config.evalEvery === 0 || step === totalSteps(config) || stageEnds(config).includes(step);
}

/**
 * Answers to the fixed prompts (greedy; text: sampled) cost about as much as a live
 * evaluation: they are taken at the evaluation nearest the middle of the run
 * and at the last.
 */
export function samplesAt(step: number, config: EvalPlanConfig): boolean {
  const steps = totalSteps(config);
  const middle = Math.max(config.evalEvery, Math.round(steps / 2 / config.evalEvery) * config.evalEvery);
  return step === steps || step === middle;
}
