/** The runs picked in the run list for the compare view: at most two, the latest picks. */
import { create } from 'zustand';

interface CompareState {
  /** Run ids in the order they were picked. */
  picked: readonly string[];
  /** Picks a run or drops it; a third pick drops the earliest. */
  toggle: (id: string) => void;
  clear: () => void;
}

export const useCompareStore = create<CompareState>((set) => ({
  picked: [],
  toggle: (id) => set((s) => ({ picked: s.picked.includes(id) ? s.picked.filter((p) => p !== id) : [...s.picked, id].slice(-2) })),
  clear: () => set({ picked: [] }),
}));
