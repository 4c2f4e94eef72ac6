/** Whether this browser keeps the lab for offline use, as its service worker reports it. */
import { create } from 'zustand';

export type OfflineState =
  /** No service worker here: `npm run dev`, or a browser without them. */
  | { kind: 'none' }
  /** Service workers need https or localhost: a plain http address of the room's network has none. */
  | { kind: 'insecure' }
  | { kind: 'saving' }
  | { kind: 'ready' }
  /** The worker could not install (a file of the precache failed): the lab works online as before. */
  | { kind: 'failed'; reason: string };

export const useOfflineStore = create<{ state: OfflineState; set: (state: OfflineState) => void }>((set) => ({
  state: { kind: 'none' },
  set: (state) => set({ state }),
}));
