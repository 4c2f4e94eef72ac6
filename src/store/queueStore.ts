/**
 * Runs waiting for a worker: what "Start", "Add to queue" and a sweep put in,
 * in the order they will run. Stop holds the queue; Run queue lets it go on.
 * The queue is kept in localStorage, so a reload says which runs never ran
 * and keeps them, held, instead of losing them.
 */
import { create } from 'zustand';
import { z } from 'zod';
import { resolveConfig } from '../engine/config/keys';
import type { ExperimentConfig } from '../engine/config/schema';
import { runSweepSchema, type RunSweep } from '../runs/run';

export interface QueuedRun {
  /** Becomes the run's id when it starts. */
  id: string;
  name: string;
  config: ExperimentConfig;
  sweep?: RunSweep;
  /** A re-run of this shared run, to check it reproduces. */
  verifies?: string;
}

export interface QueueState {
  items: QueuedRun[];
  /** Nothing new starts while held (after Stop, or a reload with runs queued). */
  held: boolean;
  add: (items: QueuedRun[]) => void;
  /** Takes the next item off the queue, unless held. */
  take: () => QueuedRun | undefined;
  remove: (id: string) => void;
  /** Moves an item up (-1) or down (+1). */
  move: (id: string, by: -1 | 1) => void;
  clear: () => void;
  setHeld: (held: boolean) => void;
}

export const useQueueStore = create<QueueState>((set, get) => ({
  items: [],
  held: false,
  add: (items) => set((s) => ({ items: [...s.items, ...items] })),
  take: () => {
    const { items, held } = get();
    if (held || !items.length) return undefined;
    set({ items: items.slice(1) });
    return items[0];
  },
  remove: (id) => set((s) => ({ items: s.items.filter((i) => i.id !== id) })),
  move: (id, by) =>
    set((s) => {
      const at = s.items.findIndex((i) => i.id === id);
      const to = at + by;
      if (at < 0 || to < 0 || to >= s.items.length) return s;
      const items = [...s.items];
      [items[at], items[to]] = [items[to], items[at]];
      return { items };
    }),
  clear: () => set({ items: [] }),
  setHeld: (held) => set({ held }),
}));

const STORAGE_KEY = 'forgetting-lab:queue';

const storedSchema = z.array(
  z.object({
    id: z.string(),
    name: z.string(),
    config: z.unknown(),
    sweep: runSweepSchema.optional(),
    verifies: z.string().optional(),
  }),
);

/**
 * Restores a queue left by a reload (held, so nothing starts by surprise) and
 * keeps localStorage in step from then on. Returns the names of the runs that
 * were waiting.
 */
export function restoreAndPersistQueue(storage: Pick<Storage, 'getItem' | 'setItem'> | undefined = globalThis.localStorage): string[] {
  let restored: QueuedRun[] = [];
  try {
    const parsed = storedSchema.safeParse(JSON.parse(storage?.getItem(STORAGE_KEY) ?? '[]'));
    if (parsed.success) {
      restored = parsed.data.flatMap((item) => {
        const { config, errors } = resolveConfig(item.config);
        return errors.length ? [] : [{ ...item, config }];
      });
    }
  } catch {
    restored = [];
  }
  if (restored.length) {
    useQueueStore.getState().add(restored);
    useQueueStore.getState().setHeld(true);
  }
  useQueueStore.subscribe((state, previous) => {
    if (state.items === previous.items) return;
    try {
      storage?.setItem(STORAGE_KEY, JSON.stringify(state.items));
    } catch {
      // Storage full or blocked: the queue still runs; a reload would not keep it.
    }
  });
  return restored.map((r) => r.name);
}
