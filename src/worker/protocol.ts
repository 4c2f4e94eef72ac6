/**
 * What the page and the lab worker say to each other (through comlink): the
 * worker implements LabWorkerApi, the page holds a client of it, and the
 * store tests use a fake that implements it too.
 */
import type { BackendName } from '../engine/backend/backends';
import type { ExperimentConfig } from '../engine/config/schema';
import type { Sample } from '../engine/eval/samples';
import type { SkillScore } from '../engine/eval/score';
import type { ExperimentEvent } from '../engine/experiment/events';
import type { SpeedTrial } from '../engine/experiment/speedTrial';
import type { ModelDims } from '../engine/model/dims';
import type { ScenarioName } from '../engine/scenarios/names';
import type { AdapterFields, Plug } from '../engine/adapters/adapterRecord';
import type { PluggedScores } from '../engine/adapters/scorePlugged';
import type { StartAdapter } from '../engine/adapters/startSpec';
import type { AskResult } from '../engine/eval/askModel';

export type RunOutcome = 'done' | 'stopped' | 'error';

/** The backend a worker runs on, and what the page needs of the base model without loading tfjs. */
export interface WorkerBackend {
  name: BackendName;
  /** Backends tried before this one and why they failed to start. */
  failures: string[];
  model: { dims: ModelDims; seenTokens: number[] };
}

export interface BaseModelReport {
  /** Which scenario's base model (absent: skills). */
  scenario?: ScenarioName;
  /** Exact match per skill and task (text: next-character accuracy and bits per character per genre and domain), measured in the worker on the held-out sets. */
  scores: Record<string, SkillScore>;
  /** Which of the scores are general abilities; the rest are tasks (text: domains). */
  general?: string[];
  /** Text: the real-word share of the samples. */
  realWords?: number;
  /** The model's shape and the tokens it saw, for the page's parameter count. */
  model?: { dims: ModelDims; seenTokens: number[] };
  /** Greedy answers to the fixed prompts of every skill and task (the runs' baseline samples), for the first-time introduction. */
  samples: Sample[];
  params: number;
  ms: number;
}

/** Events of a run as the worker sends them, a few times a second. */
export interface EventBatch {
  events: ExperimentEvent[];
  /** When the worker produced each event: ms of the run's active time (paused time left out), on the worker's clock. */
  at: number[];
  /** ms the worker has waited, so far in this run, for the page to take earlier batches. */
  waitedMs: number;
}

export type EventSink = (batch: EventBatch) => void | Promise<void>;

/** A run's weights at one of its evaluations (flat, LoRA merged), sent before that evaluation's event. */
export interface RunWeights {
  step: number;
  weights: Float32Array;
}
export type WeightsSink = (snapshot: RunWeights) => void | Promise<void>;

/** A prompt of one's own (in the scenario's symbols: its descriptor's prompt format), for the base model or a run's weights. */
export interface AskRequest {
  scenario: ScenarioName;
  tokens: number[];
  /** 0: greedy. */
  temperature: number;
  seed: number;
  /** A run's weights (RunWeights.weights), or null for the scenario's base model. */
  weights: Float32Array | null;
}

export interface LabWorkerApi {
  /** Starts `backend` (or the next of webgpu → webgl → wasm → cpu that starts) and loads the base model. */
  init(backend: BackendName, modelUrl: string): Promise<WorkerBackend>;
  /** Times a few training steps of the config on this worker's backend. */
  trial(config: ExperimentConfig, steps: number): Promise<SpeedTrial>;
  /** Scores a scenario's base model (skills when none is named), loading it first if need be. */
  evaluateBase(scenario?: ScenarioName): Promise<BaseModelReport>;
  /** A throwaway one-step run, so GPU backends compile training, evaluation and decoding shaders. */
  warmUp(config: ExperimentConfig): Promise<number>;
  /** Scores the base model as the config's runs do and trains one throwaway step, so the next run starts at full pace (while the page waits for Start). */
  prepare(config: ExperimentConfig): Promise<void>;
  /** Runs an experiment (after any preparation under way), sending its events to `sink` and, with `onWeights`, its weights at each evaluation; `start`: the adapters its config's `start` names, to merge into the base first. */
  run(config: ExperimentConfig, sink: EventSink, onWeights?: WeightsSink, start?: StartAdapter[]): Promise<RunOutcome>;
  /** Answers a prompt with the top-5 next-symbol probabilities at each written position. */
  ask(request: AskRequest): Promise<AskResult>;
  /** Resolves once the run holds still, with the step it holds at (0 when no run is going). */
  pause(): Promise<number>;
  resume(): Promise<void>;
  stop(): Promise<void>;
  memory(): Promise<{ numTensors: number; numBytes: number }>;
  /** Scores every ability of a scenario's base model with these adapters plugged in, each with its weight (none: the base model itself); `preview`: on the first that many held-out examples of each. */
  evaluateAdapters(scenario: ScenarioName, plugs: Plug<AdapterFields>[], preview?: number): Promise<PluggedScores>;
}
