/**
 * The one shape that flows through the lab (docs/architecture.md): an experiment is a
 * stream of these events, and the worker, charts, command line, saved runs and
 * share links all consume or store that same stream. The types are the event
 * schema's (eventSchema.ts).
 */
import type { z } from 'zod';
import type { ExperimentConfig } from '../config/schema';
import type { eventSchema, streamSummarySchema, summarySchema } from './eventSchema';

export type ExperimentEvent = z.infer<typeof eventSchema>;
export type RunSummary = z.infer<typeof summarySchema>;
export type StreamSummary = z.infer<typeof streamSummarySchema>;
export type EventOf<T extends ExperimentEvent['type']> = Extract<ExperimentEvent, { type: T }>;

/** A saved run: the config, the backend and the events; everything else is derived. */
export interface RunRecord {
  config: ExperimentConfig;
  backend: string;
  events: ExperimentEvent[];
}
