/**
 * Runs survive a reload: they are written to IndexedDB (idb-keyval) when they
 * change and read back at start-up. A run that was live when the page went
 * away comes back as "interrupted". A full or missing store is reported,
 * never fatal: the runs stay in memory for the session.
 */
import { z } from 'zod';
import { resolveConfig } from '../engine/config/keys';
import { eventSchema } from '../engine/experiment/eventSchema';
import { runSweepSchema, settledStatus, type Run } from '../runs/run';

export interface KeyValueStore {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<void>;
  del(key: string): Promise<void>;
}

/** The list of run ids, in order; each run is stored under its own key, so saving one live run copies only that run. */
const INDEX_KEY = 'forgetting-lab/runs/v2/index';
const runKey = (id: string) => `forgetting-lab/runs/v2/run/${id}`;

const storedRunSchema = z.object({
  id: z.string().max(100),
  name: z.string().max(80),
  config: z.unknown(),
  backend: z.string().max(20),
  events: z.array(eventSchema),
  status: z.enum(['running', 'paused', 'done', 'stopped', 'error', 'interrupted']),
  hidden: z.boolean(),
  startedAt: z.number(),
  endedAt: z.number().optional(),
  origin: z.enum(['shared', 'imported']).optional(),
  verifies: z.string().max(100).optional(),
  verdict: z.object({ match: z.boolean(), detail: z.string().max(500) }).optional(),
  sweep: runSweepSchema.optional(),
});

export interface LoadedRuns {
  runs: Run[];
  /** Runs that were live when the page closed. */
  interrupted: string[];
  /** Stored runs that could not be read (and were dropped). */
  unreadable: number;
  error?: string;
}

export async function loadRuns(store: KeyValueStore): Promise<LoadedRuns> {
  let stored: unknown[];
  try {
    const index = await store.get(INDEX_KEY);
    if (!Array.isArray(index)) return { runs: [], interrupted: [], unreadable: 0 };
    stored = await Promise.all(index.map((id) => (typeof id === 'string' ? store.get(runKey(id)) : null)));
  } catch (err) {
    return { runs: [], interrupted: [], unreadable: 0, error: `saved runs could not be read (${describe(err)})` };
  }
  const runs: Run[] = [];
  const interrupted: string[] = [];
  let unreadable = 0;
  for (const item of stored) {
    const parsed = storedRunSchema.safeParse(item);
    const config = parsed.success ? resolveConfig(parsed.data.config) : null;
    if (!parsed.success || !config || config.errors.length) {
      unreadable += 1;
      continue;
    }
    const run: Run = { ...parsed.data, config: config.config, events: parsed.data.events };
    const status = settledStatus(run);
    if (status === 'interrupted' && run.status !== 'interrupted') interrupted.push(run.name);
    runs.push({ ...run, status, endedAt: run.endedAt ?? (status === 'interrupted' ? Date.now() : undefined) });
  }
  return { runs, interrupted, unreadable };
}

/**
 * Saves the runs that changed since `saved` (the runs as last written, by id;
 * updated in place), the index when the list changed, and forgets deleted runs.
 * Resolves with an error message instead of throwing (storage full, private mode).
 */
export async function saveRuns(store: KeyValueStore, runs: readonly Run[], saved: Map<string, Run> = new Map()): Promise<string | null> {
  try {
    const ids = runs.map((r) => r.id);
    const listChanged = ids.length !== saved.size || ids.some((id) => !saved.has(id));
    for (const run of runs) {
      if (saved.get(run.id) === run) continue;
      await store.set(runKey(run.id), run);
      saved.set(run.id, run);
    }
    if (listChanged) {
      await store.set(INDEX_KEY, ids);
      for (const id of [...saved.keys()]) {
        if (ids.includes(id)) continue;
        await store.del(runKey(id));
        saved.delete(id);
      }
    }
    return null;
  } catch (err) {
    const full = err instanceof Error && /quota/i.test(`${err.name} ${err.message}`);
    return full
      ? 'Browser storage is full: new runs are kept for this session only. Export them (JSON) or delete old runs to free space.'
      : `Runs could not be saved (${describe(err)}); they are kept for this session only.`;
  }
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
