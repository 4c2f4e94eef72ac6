/**
 * The one shape that flows through the lab (see DESIGN.md): an experiment is
 * a stream of these events, and the worker, charts, command line, saved runs
 * and share links all consume or store that same stream.
 */
import type { ExperimentConfig } from '../config/schema';
import type { Drift } from '../eval/drift';
import type { Sample } from '../eval/samples';
import type { EvalResult } from '../eval/score';

interface ParamCounts {
  total: number;
  trainable: number;
}

export interface RunSummary {
  taskGain: number;
  forgetting: number;
  taskAcc: number;
  generalAcc: number;
  taskTokenAcc: number;
  generalTokenAcc: number;
  steps: number;
  /** Wall time of the training steps alone, per step. Varies run to run: not part of determinism. */
  msPerStep: number;
  trainableParams: number;
}

export type ExperimentEvent =
  | { type: 'start'; config: ExperimentConfig; backend: string; params: ParamCounts }
  | { type: 'fisher'; done: number; total: number }
  | { type: 'baseline'; eval: EvalResult; evalSize: number; samples: Sample[] }
  | { type: 'step'; step: number; loss: number; lr: number }
  /** evalSize: held-out examples per skill behind these scores (a live point may use fewer than the last); samples: every few evaluations. */
  | { type: 'eval'; step: number; eval: EvalResult; evalSize: number; drift: Drift; samples?: Sample[] }
  | { type: 'done'; summary: RunSummary }
  | { type: 'error'; message: string; step?: number };

export type EventOf<T extends ExperimentEvent['type']> = Extract<ExperimentEvent, { type: T }>;

/** A saved run: the config, the backend and the events; everything else is derived. */
export interface RunRecord {
  config: ExperimentConfig;
  backend: string;
  events: ExperimentEvent[];
}
