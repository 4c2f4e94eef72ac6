/**
 * A stream of tasks (config `stream`): the tasks trained one after the other,
 * `stageSteps` steps each. Pure: the run, the page's charts and the command
 * line all read a config's stages and run length from here. A config without
 * a stream is one stage (its `task` or `domain`) of `steps` steps.
 */
import type { ExperimentConfig } from '../config/schema';
import { describeScenario } from '../scenarios/registry';

type StreamConfig = Pick<ExperimentConfig, 'scenario' | 'stream' | 'stageSteps' | 'steps' | 'task' | 'domain'>;

/** True when the config trains a stream of tasks rather than one. */
export function isStream(config: Pick<ExperimentConfig, 'stream'>): boolean {
  return config.stream.length > 0;
}

/** The tasks in training order: the stream's, or the scenario's one task (`task` or `domain`). */
export function stageTasks(config: StreamConfig): string[] {
  return isStream(config) ? [...config.stream] : [String(config[describeScenario(config.scenario).task.key])];
}

/** Steps per stage: `stageSteps` in a stream, `steps` otherwise. */
export function stepsPerStage(config: StreamConfig): number {
  return isStream(config) ? config.stageSteps : config.steps;
}

/** The run's length in steps: every stage's. */
export function totalSteps(config: StreamConfig): number {
  return stageTasks(config).length * stepsPerStage(config);
}

/** The stage (0-based) a step (1-based) belongs to. */
export function stageOfStep(config: StreamConfig, step: number): number {
  return Math.min(stageTasks(config).length - 1, Math.floor((Math.max(step, 1) - 1) / stepsPerStage(config)));
}

/** The steps at which each stage ends: stageSteps, 2·stageSteps, … */
export function stageEnds(config: StreamConfig): number[] {
  const per = stepsPerStage(config);
  return stageTasks(config).map((_, i) => (i + 1) * per);
}

/**
 * reg.anchor=stage in a stream of full fine-tuning: the regularizer pulls
 * toward the weights at the start of each stage (the previous stage's end)
 * instead of the base's; with EWC this is online EWC, its Fisher summed over
 * the tasks so far (train/fisher.ts addTaskFisher).
 */
export function anchorsAtStage(config: Pick<ExperimentConfig, 'stream' | 'reg' | 'method'>): boolean {
  return config.reg.anchor === 'stage' && isStream(config) && config.reg.kind !== 'none' && config.method === 'full';
}

/** The tasks a scenario can stream (its task key's choices), and a message naming any stream task it cannot; null if all are fine. */
export function streamProblem(config: StreamConfig, choices: readonly string[]): string | null {
  const wrong = config.stream.filter((t) => !choices.includes(t));
  if (!wrong.length) return null;
  const { label, task } = describeScenario(config.scenario);
  return `stream: ${wrong.map((t) => `'${t}'`).join(', ')} ${wrong.length > 1 ? 'are not' : 'is not'} ${task.key === 'task' ? 'a task' : 'a domain'} of the ${label} scenario (it has ${choices.join(', ')})`;
}

/** Settings a stream cannot run with, in words; null when it can. */
export function streamSettingsProblem(config: Pick<ExperimentConfig, 'stream' | 'mix' | 'replay' | 'method' | 'reg'>): string | null {
  if (!isStream(config)) return null;
  if (config.mix + config.replay >= 1) {
    return `mix + replay = ${+(config.mix + config.replay).toFixed(3)} leaves no room for the stage's own task: keep their sum below 1`;
  }
  if (config.reg.anchor === 'stage' && config.reg.kind !== 'none' && config.method === 'lora') {
    return 'reg.anchor=stage anchors the base weights at each stage; with LoRA the base is frozen, so use reg.anchor=base (the adapter pulled toward zero)';
  }
  return null;
}
