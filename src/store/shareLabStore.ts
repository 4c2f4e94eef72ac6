/**
 * The "Share this lab" view: open or not, and which link it shows (the
 * current experiment or challenge link unless a panel hands it another, such
 * as a class sweep link).
 */
import { create } from 'zustand';

interface Shown {
  url: string;
  /** What the link opens, in a few words: 'Class sweep: mix sweep · LoRA'. */
  what: string;
}

export interface ShareLabState {
  open: boolean;
  /** A link handed in; null: the current experiment or challenge link. */
  shown: Shown | null;
  show: (shown?: Shown) => void;
  toggle: () => void;
  close: () => void;
}

export const useShareLabStore = create<ShareLabState>((set, get) => ({
  open: false,
  shown: null,
  show: (shown) => set({ open: true, shown: shown ?? null }),
  toggle: () => set({ open: !get().open, shown: null }),
  close: () => set({ open: false, shown: null }),
}));
