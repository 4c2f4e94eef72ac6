/**
 * The first-time introduction: open for a visitor who has not closed it yet
 * in this browser (localStorage), closed for everyone else, and reopenable.
 */
import { create } from 'zustand';

type Storage = Pick<globalThis.Storage, 'getItem' | 'setItem'>;

const STORAGE_KEY = 'forgetting-lab:intro-seen';

export interface IntroState {
  open: boolean;
  /** The page shown, 0-based. */
  page: number;
  show: () => void;
  /** Closes it, and remembers that this browser has seen it. */
  close: () => void;
  setPage: (page: number) => void;
}

function seen(storage: Storage | undefined): boolean {
  try {
    return storage?.getItem(STORAGE_KEY) === 'yes';
  } catch {
    return false;
  }
}

export function createIntroStore(storage: Storage | undefined) {
  return create<IntroState>((set) => ({
    open: !seen(storage),
    page: 0,
    show: () => set({ open: true, page: 0 }),
    close: () => {
      try {
        storage?.setItem(STORAGE_KEY, 'yes');
      } catch {
        // Blocked storage: the introduction shows again next time, which is harmless.
      }
      set({ open: false });
    },
    setPage: (page) => set({ page }),
  }));
}

export const useIntroStore = createIntroStore(globalThis.localStorage);
