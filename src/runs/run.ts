/**
 * A run as the page keeps it: the saved-run record of docs/architecture.md (config,
 * backend, events, name) plus what only the page needs (id, visibility,
 * status). Everything shown about a run is derived from its events.
 */
import { z } from 'zod';
import type { ExperimentConfig } from '../engine/config/schema';
import type { EventOf, ExperimentEvent, RunSummary } from '../engine/experiment/events';

export type RunStatus = 'running' | 'paused' | 'done' | 'stopped' | 'error' | 'interrupted';

/** Which sweep a run belongs to, and its place in it: the sweep is derived from its runs, not stored apart. */
export const runSweepSchema = z.object({
  id: z.string().max(100),
  name: z.string().max(120),
  /** The swept keys, in axis order. */
  axes: z.array(z.string().max(40)).max(2),
  /** This run's value of each swept key. */
  values: z.record(z.string().max(40), z.unknown()),
  seed: z.number().int(),
});
export type RunSweep = z.infer<typeof runSweepSchema>;

export interface Run {
  id: string;
  name: string;
  config: ExperimentConfig;
  backend: string;
  events: ExperimentEvent[];
  status: RunStatus;
  hidden: boolean;
  /** Wall-clock start and end (ms since epoch), for the run list. */
  startedAt: number;
  endedAt?: number;
  /** Where a run not made here came from: a results link or an imported file. */
  origin?: 'shared' | 'imported';
  /** For a re-run of a shared run: which run it checks, and whether it matched. */
  verifies?: string;
  verdict?: { match: boolean; detail: string };
  sweep?: RunSweep;
}

export function summaryOf(run: Run): RunSummary | null {
  const last = run.events.at(-1);
  return last?.type === 'done' ? last.summary : null;
}

export function errorOf(run: Run): string | null {
  const last = run.events.at(-1);
  return last?.type === 'error' ? last.message : null;
}

export function baselineOf(run: Run): EventOf<'baseline'> | null {
  return (run.events.find((e) => e.type === 'baseline') as EventOf<'baseline'> | undefined) ?? null;
}

export function evalsOf(run: Run): EventOf<'eval'>[] {
  return run.events.filter((e): e is EventOf<'eval'> => e.type === 'eval');
}

export function lastStepOf(run: Run): number {
  for (let i = run.events.length - 1; i >= 0; i--) {
    const e = run.events[i];
    if (e.type === 'step' || e.type === 'eval') return e.step;
  }
  return 0;
}

export function isFinished(run: Run): boolean {
  return run.status === 'done';
}

/** The status a stored run has when read back: a run that was live when the page closed was interrupted. */
export function settledStatus(run: Run): RunStatus {
  if (summaryOf(run)) return 'done';
  if (errorOf(run)) return 'error';
  if (run.status === 'running' || run.status === 'paused') return 'interrupted';
  return run.status;
}
