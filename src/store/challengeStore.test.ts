import { beforeEach, describe, expect, it } from 'vitest';
import { BUILTIN_CHALLENGES } from '../share/builtinChallenges';
import { encodeLink } from '../share/link';
import { useChallengeStore } from './challengeStore';
import { useConfigStore } from './configStore';
import { openLink } from './linkSync';
import { useNoticeStore } from './noticeStore';
import { useViewStore } from './viewStore';

beforeEach(() => {
  useViewStore.getState().setGroups([], []);
  useNoticeStore.setState({ notices: [] });
  useConfigStore.getState().reset();
  useChallengeStore.setState({ active: null });
});

describe('the challenge store', () => {
  it('opens a challenge from a link, and leaving frees only what the challenge locked and hid', () => {
    const replay = BUILTIN_CHALLENGES.find((b) => b.id === 'replay-only')!;
    openLink(`https://lab.example/${encodeLink(replay.config, { preset: replay.challenge.preset, challenge: replay.challenge }).query}`);
    expect(useChallengeStore.getState().active).toEqual(replay.challenge);
    expect([...useViewStore.getState().lockedGroups]).toEqual(replay.challenge.lock);
    // The instructor (or a participant) adds a lock of their own; leaving keeps it.
    useViewStore.getState().setGroups([...useViewStore.getState().hiddenGroups], [...useViewStore.getState().lockedGroups, 'run']);
    useChallengeStore.getState().leave();
    expect(useChallengeStore.getState().active).toBeNull();
    expect([...useViewStore.getState().lockedGroups]).toEqual(['run']);
    expect([...useViewStore.getState().hiddenGroups]).toEqual([]);
  });

  it('does not open a challenge from a link with a bad goal, and says so apart from the settings', () => {
    openLink('https://lab.example/?v=2&mix=0.5&challenge=Bad&goal.forgetting=ten');
    expect(useChallengeStore.getState().active).toBeNull();
    expect(useConfigStore.getState().config.mix).toBe(0.5);
    const notices = useNoticeStore.getState().notices;
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ kind: 'error', text: expect.stringMatching(/challenge could not be opened.*goal\.forgetting/) });
  });
});
