/**
 * The page's URL and the stores: a link opens the lab on its experiment
 * (config, preset, hidden or locked controls, shared results), and the URL
 * follows the controls (replaceState, no history entries).
 */
import { decodeLink, encodeLink } from '../share/link';
import { fromSharedRun } from '../share/results';
import { useConfigStore } from './configStore';
import { useNoticeStore } from './noticeStore';
import { newRunId, useRunsStore } from './runsStore';
import { useViewStore } from './viewStore';
import { useChallengeStore } from './challengeStore';
import { outsideHeldNote, runsOutsideHeld } from './heldRuns';
import { noteMissingTexts, openDomainUrl } from './customTexts';
import { useClassSweepStore } from './classSweepStore';

/** Applies a link's contents to the stores; returns the backend it asks for, if any. */
export function openLink(href: string): { backend: string | null; sharedRuns: number } {
  const state = decodeLink(href);
  useConfigStore.getState().replace(state.config, [], state.preset);
  useViewStore.getState().setGroups(state.hide, state.lock);
  useChallengeStore.getState().open(state.challenge);
  if (state.challengeErrors.length) {
    // Apart from the settings notice: a challenge is not opened at all rather than judged against a goal read wrong.
    useNoticeStore
      .getState()
      .notify(`This link's challenge could not be opened, so the lab opened without it: ${state.challengeErrors.map((e) => `${e.key}: ${e.message}`).join('; ')}. Ask for a corrected link.`, 'error');
  }
  if (state.challengeIgnored.length) {
    useNoticeStore
      .getState()
      .notify(`This challenge link also set what the challenge's rules hold otherwise, so the lab ignored it: ${state.challengeIgnored.map((e) => e.message).join(', ')}.`, 'warning');
  }
  useViewStore.getState().setPresenting(state.present);
  useClassSweepStore.getState().open(state.classSweep, state.slot, state.classSweepErrors);
  const errors = [...state.errors.map((e) => `${e.key}: ${e.message}`)];
  const runs = state.results.map((shared, i) => {
    const back = fromSharedRun(shared);
    errors.push(...back.errors.map((e) => `shared run ${i + 1}: ${e}`));
    return {
      id: newRunId(),
      name: shared.name,
      config: back.config,
      backend: shared.backend,
      events: back.events,
      status: 'done' as const,
      hidden: false,
      startedAt: Date.now(),
      endedAt: Date.now(),
      origin: 'shared' as const,
    };
  });
  if (runs.length) useRunsStore.getState().addMany(runs);
  if (errors.length) {
    useNoticeStore.getState().notify(`This link had settings the lab could not use; the defaults were kept for them. ${errors.join('; ')}`, 'warning');
  }
  if (runs.length) {
    const outside = outsideHeldNote(runs);
    // Invite a re-run only where one can happen: not for runs made outside the link's held settings.
    const invite = runsOutsideHeld(runs).length < runs.length ? ' Press "Re-run to verify" in the run list to reproduce one here.' : '';
    useNoticeStore
      .getState()
      .notify(`This link shares ${runs.length} finished run(s): their charts are drawn from the link.${invite}${outside ? ` ${outside}` : ''}`, outside ? 'warning' : 'info');
  }
  void openDomainUrl(href);
  if (runs.length) void noteMissingTexts(runs);
  return { backend: state.backend, sharedRuns: runs.length };
}

/** The link for the current controls (and, if asked, the given shared runs, in its fragment). */
export function currentLink(extra: Parameters<typeof encodeLink>[1] = {}): { url: string; trimmed: number } {
  const { config, preset, basedOn } = useConfigStore.getState();
  const { hiddenGroups, lockedGroups, presenting } = useViewStore.getState();
  const { href, trimmed } = encodeLink(config, {
    preset: preset ?? basedOn,
    hide: [...hiddenGroups],
    lock: [...lockedGroups],
    present: presenting,
    challenge: useChallengeStore.getState().active,
    ...extra,
  });
  return { url: `${location.origin}${location.pathname}${href}`, trimmed };
}

/** Keeps the address bar on the current controls; keeps a chosen backend in it. */
export function syncUrlWithControls(backendOf: () => string): () => void {
  const write = () => {
    const { url } = currentLink();
    // The address bar holds the settings only (no results): the backend goes in the query.
    const withBackend = backendOf() !== 'auto' ? `${url}&backend=${backendOf()}` : url;
    if (withBackend !== location.href) history.replaceState(history.state, '', withBackend);
  };
  const unsubConfig = useConfigStore.subscribe((s, prev) => {
    if (s.config !== prev.config || s.preset !== prev.preset) write();
  });
  const unsubView = useViewStore.subscribe((s, prev) => {
    if (s.hiddenGroups !== prev.hiddenGroups || s.lockedGroups !== prev.lockedGroups || s.presenting !== prev.presenting) write();
  });
  const unsubChallenge = useChallengeStore.subscribe((s, prev) => {
    if (s.active !== prev.active) write();
  });
  return () => {
    unsubConfig();
    unsubView();
    unsubChallenge();
  };
}
