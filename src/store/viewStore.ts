/** What the page shows: the focused run, hidden or locked control groups (instructor links), help. */
import { create } from 'zustand';
import { heldSections } from '../share/heldSections';

export interface ViewState {
  /** The run the per-skill, drift and generations panels show; null = the newest. */
  focusRunId: string | null;
  /** Focus mode: the charts show this run or this sweep and grey the rest. */
  spotlight: { kind: 'run' | 'sweep'; id: string } | null;
  setSpotlight: (spotlight: ViewState['spotlight']) => void;
  /** Runs a legend entry under the pointer or keyboard focus stands for: every chart draws them bold and the rest faint. */
  highlight: readonly string[] | null;
  setHighlight: (ids: readonly string[] | null) => void;
  hiddenGroups: ReadonlySet<string>;
  lockedGroups: ReadonlySet<string>;
  /** What nothing may change: locked and hidden sections alike (share/heldSections.ts). */
  heldGroups: ReadonlySet<string>;
  showShortcuts: boolean;
  /** Presentation mode: large type, thick lines, tall charts, controls tucked away (key P, `present=1` in the link). */
  presenting: boolean;
  setPresenting: (on: boolean) => void;
  setFocus: (id: string | null) => void;
  setGroups: (hidden: Iterable<string>, locked: Iterable<string>) => void;
  toggleShortcuts: (show?: boolean) => void;
}

export const useViewStore = create<ViewState>((set) => ({
  focusRunId: null,
  spotlight: null,
  setSpotlight: (spotlight) => set({ spotlight }),
  highlight: null,
  setHighlight: (highlight) => set({ highlight }),
  hiddenGroups: new Set(),
  lockedGroups: new Set(),
  heldGroups: new Set(),
  showShortcuts: false,
  presenting: false,
  setPresenting: (on) => set({ presenting: on }),
  setFocus: (id) => set({ focusRunId: id }),
  setGroups: (hidden, locked) => {
    const hiddenGroups = new Set(hidden);
    const lockedGroups = new Set(locked);
    set({ hiddenGroups, lockedGroups, heldGroups: heldSections(hiddenGroups, lockedGroups) });
  },
  toggleShortcuts: (show) => set((s) => ({ showShortcuts: show ?? !s.showShortcuts })),
}));
