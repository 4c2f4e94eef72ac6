/**
 * The participant's name, typed once in the share panel and kept in this
 * browser (localStorage), so it goes into every results link and run file they send.
 */
import { create } from 'zustand';
import { cleanParticipantName } from '../share/participant';

const STORAGE_KEY = 'forgetting-lab:participant';

function stored(): string {
  try {
    return globalThis.localStorage?.getItem(STORAGE_KEY) ?? '';
  } catch {
    return '';
  }
}

export interface ParticipantState {
  /** As typed; cleanParticipantName says what a link will carry. */
  name: string;
  setName: (name: string) => void;
}

export const useParticipantStore = create<ParticipantState>((set) => ({
  name: stored(),
  setName: (name) => {
    set({ name });
    try {
      globalThis.localStorage?.setItem(STORAGE_KEY, name);
    } catch {
      // Storage blocked: the name lasts for this page only.
    }
  },
}));

/** The name a link or file carries, or null when none (or an unusable one) is typed. */
export function participantName(): string | null {
  return cleanParticipantName(useParticipantStore.getState().name).name;
}
