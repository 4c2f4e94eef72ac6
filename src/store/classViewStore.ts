/**
 * The instructor's class view: participants' runs gathered from pasted
 * results links and dropped run files. Kept apart from the runs store, so
 * collecting a class never changes the instructor's own runs or settings.
 */
import { create } from 'zustand';
import type { ClassSweep } from '../share/classSweep';
import { addPastedLinks, addRunFile, addUnreadable, emptyClassView, withClassSweep, type ClassView } from '../share/classView';
import { MAX_IMPORT_BYTES } from '../share/runFile';

export interface ClassViewState {
  view: ClassView;
  addLinks: (text: string) => void;
  /** Reads the files one by one; a file that cannot be read is named and the others still come in. */
  addFiles: (files: readonly File[]) => Promise<void>;
  /** The class sweep made here (the sweep panel): its grid is what the runs fill. */
  setSweep: (sweep: ClassSweep) => void;
  clear: () => void;
}

export const useClassViewStore = create<ClassViewState>((set, get) => ({
  view: emptyClassView(),
  addLinks: (text) => set({ view: addPastedLinks(get().view, text) }),
  addFiles: async (files) => {
    for (const file of files) {
      if (file.size > MAX_IMPORT_BYTES) {
        set({ view: addUnreadable(get().view, file.name, `it is ${(file.size / 1e6).toFixed(1)} MB; the lab reads files up to ${MAX_IMPORT_BYTES / 1e6} MB`) });
        continue;
      }
      let text: string;
      try {
        text = await file.text();
      } catch (err) {
        set({ view: addUnreadable(get().view, file.name, `it could not be read (${err instanceof Error ? err.message : String(err)})`) });
        continue;
      }
      set({ view: addRunFile(get().view, text, file.name) });
    }
  },
  setSweep: (sweep) => set({ view: withClassSweep(get().view, sweep) }),
  clear: () => set({ view: emptyClassView() }),
}));
