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
        ? `Re-run to verify refused: “${original.name}” was made with ${what}, which are locked or hidden here: a re-run would train other settings than the ones on screen.`
        : `“${item.name}” was not queued: it changes ${what}, which are locked or hidden here.`,
    );
    return false;
  });
  if (refused.length) useNoticeStore.getState().notify(refused.join(' '), 'warning');
  return allowed;
}

/** The runs made with other values of the held settings than the page holds. */
export function runsOutsideHeld<T extends { config: QueuedRun['config'] }>(runs: readonly T[]): T[] {
  const held = useViewStore.getState().heldGroups;
  const current = useConfigStore.getState().config;
  return runs.filter((run) => heldDifferences(run.config, current, held).length > 0);
}

/**
 * A sentence for runs brought in from outside (a results link, a run file)
 * that were made with other values of the held settings: they are shown,
 * but not re-run here. '' when every run keeps them.
 */
export function outsideHeldNote(runs: readonly { name: string; config: QueuedRun['config'] }[]): string {
  const outside = runsOutsideHeld(runs);
  if (!outside.length) return '';
  const held = useViewStore.getState().heldGroups;
  const current = useConfigStore.getState().config;
  const first = heldDifferenceText(heldDifferences(outside[0].config, current, held), outside[0].config, current);
  const which = outside.length === runs.length ? (runs.length === 1 ? 'It was' : 'They were') : `${outside.length} of them (${outside.map((r) => `“${r.name}”`).join(', ')}) were`;
  return `${which} made with other values of settings locked or hidden here (${outside.length > 1 ? `“${outside[0].name}”: ` : ''}${first}): shown on the charts, but not re-run here.`;
}
