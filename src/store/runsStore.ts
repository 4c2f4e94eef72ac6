/** Every run of this session (and, with persistence, earlier ones): live and finished. */
import { create } from 'zustand';
import type { ExperimentEvent } from '../engine/experiment/events';
import type { Run, RunStatus } from './run';

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
  clear: () => void;
}

const update = (runs: Run[], id: string, change: (run: Run) => Run) => runs.map((r) => (r.id === id ? change(r) : r));

export const useRunsStore = create<RunsState>((set) => ({
  runs: [],
  add: (run) => set((s) => ({ runs: [...s.runs, run] })),
  append: (id, events) => set((s) => ({ runs: update(s.runs, id, (r) => ({ ...r, events: [...r.events, ...events] })) })),
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
  clear: () => set({ runs: [] }),
}));

/** A fresh, unique run id. */
export function newRunId(): string {
  return `run-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}
