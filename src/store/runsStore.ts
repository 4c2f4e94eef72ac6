/** Every run of this session (and, with persistence, earlier ones): live and finished. */
import { create } from 'zustand';
import type { ExperimentEvent } from '../engine/experiment/events';
import { appendKeepingNewestAdapter } from '../runs/adapterLibrary';
import type { Run, RunStatus } from '../runs/run';

export interface RunsState {
  runs: Run[];
  add: (run: Run) => void;
  append: (id: string, events: ExperimentEvent[]) => void;
  setStatus: (id: string, status: RunStatus) => void;
  rename: (id: string, name: string) => void;
  toggleHidden: (id: string) => void;
  setVerdict: (id: string, verdict: { match: boolean; detail: string }) => void;
  remove: (id: string) => void;
  /** Adds runs (an import, a results link), skipping ids already present. */
  addMany: (runs: Run[]) => void;
  /** Removes the runs `pick` selects (never one in progress); returns how many, and how to bring them back. */
  removeWhere: (pick: (run: Run) => boolean) => { removed: number; undo: () => void };
  clear: () => void;
}

const update = (runs: Run[], id: string, change: (run: Run) => Run) => runs.map((r) => (r.id === id ? change(r) : r));

export const useRunsStore = create<RunsState>((set, get) => ({
  runs: [],
  add: (run) => set((s) => ({ runs: [...s.runs, run] })),
  append: (id, events) => set((s) => ({ runs: update(s.runs, id, (r) => ({ ...r, events: appendKeepingNewestAdapter(r.events, events) })) })),
  setStatus: (id, status) =>
    set((s) => ({
      runs: update(s.runs, id, (r) => ({ ...r, status, endedAt: status === 'running' || status === 'paused' ? r.endedAt : Date.now() })),
    })),
  rename: (id, name) => set((s) => ({ runs: update(s.runs, id, (r) => ({ ...r, name: name.trim() || r.name })) })),
  toggleHidden: (id) => set((s) => ({ runs: update(s.runs, id, (r) => ({ ...r, hidden: !r.hidden })) })),
  setVerdict: (id, verdict) => set((s) => ({ runs: update(s.runs, id, (r) => ({ ...r, verdict })) })),
  remove: (id) => set((s) => ({ runs: s.runs.filter((r) => r.id !== id) })),
  addMany: (runs) =>
    set((s) => {
      const known = new Set(s.runs.map((r) => r.id));
      return { runs: [...s.runs, ...runs.filter((r) => !known.has(r.id))] };
    }),
  removeWhere: (pick) => {
    const before = get().runs;
    const removed = before.filter((r) => pick(r) && r.status !== 'running' && r.status !== 'paused');
    if (!removed.length) return { removed: 0, undo: () => {} };
    const gone = new Set(removed.map((r) => r.id));
    set({ runs: before.filter((r) => !gone.has(r.id)) });
    // Undo puts them back where they were; runs added since keep their places after.
    const undo = () =>
      set((s) => {
        const present = new Map(s.runs.map((r) => [r.id, r]));
        const back = before.map((r) => present.get(r.id) ?? (gone.has(r.id) ? r : null)).filter((r): r is Run => r !== null);
        const known = new Set(back.map((r) => r.id));
        return { runs: [...back, ...s.runs.filter((r) => !known.has(r.id))] };
      });
    return { removed: removed.length, undo };
  },
  clear: () => set({ runs: [] }),
}));

/** A fresh, unique run id. */
export function newRunId(): string {
  return `run-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}
