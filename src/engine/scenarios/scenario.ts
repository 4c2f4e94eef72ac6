/**
 * One interface for running the lab's scenarios (docs/extending.md: one folder
 * per scenario, one descriptor in scenarios/registry.ts): runExperiment, the speed trial and the worker's base-model
 * report ask a scenario for batches, evaluations and samples, and never
 * branch on which one it is. A scenario fills the same `eval` shape: the task
 * (skills: the new task; text: the domain) and the general abilities (skills:
 * copy, reverse, sort, successor; text: the seven prose genres).
 */
import type { Checkpoint } from '../checkpoint/format';
import type { AssetReader } from './assets';
import type { ExperimentConfig } from '../config/schema';
import type { TokenBatch } from '../data/batch';
import type { Sample } from '../eval/samples';
import type { EvalResult, SkillScore } from '../eval/score';
import type { Gpt } from '../model/model';
import type { TextCorpus, TextSource } from './text/corpus';

/** What a scenario reads: its base model and, for text, the parts of the corpus the config needs (the host loads them). */
export interface ScenarioAssets {
  base: Checkpoint;
  /** Text: text/textConstants.ts textCorpusRequest(config) says which splits. */
  corpus?: TextCorpus;
  /** Text, domain=custom: the text of one's own as a source, and the sha256 it was read by (text/customText.ts). */
  customDomain?: { source: TextSource; sha256: string };
  /** Held-out examples per skill, or windows per source, behind full scores (smaller only in tests). */
  evalSize?: number;
}

interface SampleSet {
  samples: Sample[];
  /** Text: the real-word share of the samples. */
  realWords?: number;
}

/** One run's view of its scenario. */
interface ScenarioRun {
  /** What the baseline's scores depend on besides checkpoint and backend (eval/baselineCache.ts). */
  readonly baselineKey: string;
  /** Examples per skill (text: windows per source) behind full scores, and behind live ones. */
  readonly evalSize: number;
  readonly liveSize: number;
  evaluate(model: Gpt, live: boolean): Promise<EvalResult>;
  samples(model: Gpt): Promise<SampleSet>;
  /** The next training batch, from the run's seeded data stream. */
  nextBatch(): TokenBatch;
  /**
   * A stream of tasks (config `stream`, stream/stream.ts): train on stage
   * `index`'s task from the next batch on, replaying the earlier ones at
   * `replay`. `evaluate` then scores that task as `task` and every stream
   * task under `tasks`. Stage 0 is where a run starts.
   */
  stage(index: number): void;
  /** EWC's Fisher examples, each a batch of one, from general training data. */
  fisherBatches(): TokenBatch[];
  /** Online EWC in a stream: Fisher examples of stage `index`'s task (as many as fisherBatches gives), each a batch of one, from its training data. */
  taskFisherBatches(index: number): TokenBatch[];
  dispose(): void;
}

/** The base model on every ability the scenario has (every skill and task; every genre and domain). */
interface BaseScores {
  scores: Record<string, SkillScore>;
  /** Which of the scores are general abilities (the rest are tasks or domains). */
  general: string[];
  samples: Sample[];
  realWords?: number;
}

interface ScoreOptions {
  /** The model to score instead of a fresh base model (the caller keeps and disposes it). */
  model?: Gpt;
  /** Draw the fixed-prompt samples too (default true). */
  samples?: boolean;
  /** Score only the first `preview` held-out examples of each ability (skills; text: windows per source): a quick look, said as such. */
  preview?: number;
}

/**
 * What to load: a run's (only what its config reads), the base-model
 * report's (every ability's held-out data), or all the scenario ships (a
 * process that runs many configs reads it once).
 */
type AssetNeed = { config: ExperimentConfig } | { baseReport: true } | { all: true };

export interface Scenario {
  /** Its base model and data, through the host's reader (scenarios/assets.ts), paths from its descriptor. */
  loadAssets(need: AssetNeed, read: AssetReader): Promise<ScenarioAssets>;
  open(config: ExperimentConfig, assets: ScenarioAssets): ScenarioRun;
  /** Scores the base model, or `model` (e.g. with adapters plugged in: adapters/), on every ability; without samples when `samples` is false. */
  scoreBase(assets: ScenarioAssets, options?: ScoreOptions): Promise<BaseScores>;
}

