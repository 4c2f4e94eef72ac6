/**
 * The queue's side of the held sections (share/heldSections.ts): no run
 * trains with settings the instructor's link locks or hides, whichever path
 * queued it (Start, a sweep, "Re-run to verify" on a shared run). A refused
 * run is named with the settings that stopped it.
 */
import { heldDifferences, heldDifferenceText } from '../share/heldSections';
import { useConfigStore } from './configStore';
import { useNoticeStore } from './noticeStore';
import type { QueuedRun } from './queueStore';
import { useRunsStore } from './runsStore';
import { useViewStore } from './viewStore';

/** The runs that keep every held setting; says why each other one was not queued. */
export function runsWithinHeld<T extends Pick<QueuedRun, 'name' | 'config' | 'verifies'>>(items: readonly T[]): T[] {
  const held = useViewStore.getState().heldGroups;
  if (!held.size) return [...items];
  const current = useConfigStore.getState().config;
  const refused: string[] = [];
  const allowed = items.filter((item) => {
    const keys = heldDifferences(item.config, current, held);
    if (!keys.length) return true;
    const what = heldDifferenceText(keys, item.config, current);
    const original = item.verifies ? useRunsStore.getState().runs.find((r) => r.id === item.verifies) : undefined;
    refused.push(
      original
        ? `Re-run to verify refused: “${original.name}” was made with ${what}, which this link locks or hides. A re-run here would train other settings than the ones on screen, so it would verify nothing under this link's rules.`
        : `“${item.name}” was not queued: it changes ${what}, which this link locks or hides.`,
    );
    return false;
  });
  if (refused.length) useNoticeStore.getState().notify(refused.join(' '), 'warning');
  return allowed;
}
