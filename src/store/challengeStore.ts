/** The challenge in play (opened from a link or the built-in list), if any. */
import { create } from 'zustand';
import type { ExperimentConfig } from '../engine/config/schema';
import type { Challenge } from '../share/challenge';
import { useConfigStore } from './configStore';
import { useViewStore } from './viewStore';

export interface ChallengeState {
  active: Challenge | null;
  /** Sets the challenge in play; its locks and hidden sections come with the link that opens it. */
  open: (challenge: Challenge | null) => void;
  /** Starts a challenge here, as its link would: its settings, preset, locks and hidden sections. */
  start: (challenge: Challenge, config: ExperimentConfig) => void;
  /** Back to the open lab: the challenge's locked and hidden sections are freed, other ones stay. */
  leave: () => void;
}

export const useChallengeStore = create<ChallengeState>((set, get) => ({
  active: null,
  open: (challenge) => set({ active: challenge }),
  start: (challenge, config) => {
    useConfigStore.getState().replace(config, [], challenge.preset);
    useViewStore.getState().setGroups(challenge.hide, challenge.lock);
    set({ active: challenge });
  },
  leave: () => {
    const challenge = get().active;
    if (!challenge) return;
    const view = useViewStore.getState();
    const without = (groups: ReadonlySet<string>, drop: readonly string[]) => [...groups].filter((g) => !drop.includes(g));
    view.setGroups(without(view.hiddenGroups, challenge.hide), without(view.lockedGroups, challenge.lock));
    set({ active: null });
  },
}));
