/**
 * The weights of this session's runs, at their latest evaluation, so the
 * "Ask the model" box can ask a run after it has finished. Kept in memory
 * only (a few hundred KB a run): a reload, or more than KEPT_RUNS runs
 * since, lets them go, and the box says so. Not part of a saved run.
 */
import { create } from 'zustand';
import type { RunWeights } from '../worker/protocol';

/** The most runs whose weights are kept (the oldest go first): about 0.5 MB each. */
export const KEPT_RUNS = 40;

interface RunWeightsState {
  /** By run id, in the order their weights last came. */
  byRun: Record<string, RunWeights>;
  keep: (runId: string, snapshot: RunWeights) => void;
}

export const useRunWeightsStore = create<RunWeightsState>((set) => ({
  byRun: {},
  keep: (runId, snapshot) =>
    set((s) => {
      const rest = Object.entries(s.byRun).filter(([id]) => id !== runId);
      return { byRun: Object.fromEntries([...rest.slice(Math.max(0, rest.length - KEPT_RUNS + 1)), [runId, snapshot]]) };
    }),
}));
