import { useState } from 'react';
import { currentLink } from '../store/linkSync';
import { useNoticeStore } from '../store/noticeStore';
import { isFinished } from '../runs/run';
import { useRunsStore } from '../store/runsStore';
import { useViewStore } from '../store/viewStore';
import { toSharedRun, type SharedRun } from '../share/results';
import { HIDEABLE } from '../engine/config/sections';
import { SECTION_TITLES } from './controls/controlSpecs';
import { participantName } from '../store/participantStore';
import { useChallengeStore } from '../store/challengeStore';
import { ChallengeBuilder } from './teach/ChallengeBuilder';
import { ParticipantNameField } from './teach/ParticipantNameField';
import { useShareLabStore } from '../store/shareLabStore';

const SECTIONS = HIDEABLE.map((id) => ({ id, title: SECTION_TITLES[id] }));

/** Links to send: the experiment, or the experiment with its finished runs; instructor options. */
export function SharePanel() {
  const [link, setLink] = useState<string | null>(null);
  const hidden = useViewStore((s) => s.hiddenGroups);
  const locked = useViewStore((s) => s.lockedGroups);
  const setGroups = useViewStore((s) => s.setGroups);
  const notify = useNoticeStore((s) => s.notify);

  const publish = async (url: string, what: string) => {
    setLink(url);
    try {
      await navigator.clipboard.writeText(url);
      notify(`${what} copied to the clipboard (${url.length} characters).`, 'success');
    } catch {
      notify(`${what} is in the box below: copy it from there (${url.length} characters).`, 'info');
    }
  };

  const shareResults = () => {
    const runs = useRunsStore.getState().runs.filter((r) => isFinished(r) && !r.hidden);
    if (!runs.length) {
      notify('No finished, visible runs to share yet.', 'warning');
      return;
    }
    const shared = runs.map(toSharedRun).filter((r): r is SharedRun => r !== null);
    const participant = participantName();
    const { url, trimmed } = currentLink({ results: shared, participant });
    if (trimmed) notify(`The link holds the newest ${shared.length - trimmed} of ${shared.length} runs: more would not fit in a link. Export JSON to share them all.`, 'warning');
    void publish(url, 'Results link');
    // An instructor collecting a class's links needs to tell them apart.
    if (!participant && useChallengeStore.getState().active) notify('Type your name above Share results, so your instructor can tell your runs from the others, and share again.', 'info');
  };

  const toggle = (set: ReadonlySet<string>, id: string) => {
    const next = new Set(set);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    return next;
  };

  return (
    <div className="share">
      <ParticipantNameField />
      <div className="buttons">
        <button type="button" onClick={() => void publish(currentLink().url, 'Experiment link')} data-testid="share-link">
          Copy link to this experiment
        </button>
        <button type="button" onClick={shareResults} data-testid="share-results">
          Share results
        </button>
        <button type="button" onClick={() => useShareLabStore.getState().show()} data-testid="share-lab-open">
          Share this lab (QR code) <kbd>Q</kbd>
        </button>
      </div>
      {link && <input className="link-box" readOnly value={link} aria-label="shareable link" data-testid="link-box" onFocus={(e) => e.currentTarget.select()} />}
      <details>
        <summary>Instructor options: hide or lock controls in the link</summary>
        <table className="instructor">
          <thead>
            <tr>
              <th scope="col">Section</th>
              <th scope="col">Hide</th>
              <th scope="col">Lock</th>
            </tr>
          </thead>
          <tbody>
            {SECTIONS.map((s) => (
              <tr key={s.id}>
                <td>{s.title}</td>
                <td>
                  <input type="checkbox" aria-label={`hide ${s.title}`} checked={hidden.has(s.id)} onChange={() => setGroups(toggle(hidden, s.id), locked)} />
                </td>
                <td>
                  <input type="checkbox" aria-label={`lock ${s.title}`} checked={locked.has(s.id)} onChange={() => setGroups(hidden, toggle(locked, s.id))} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="muted">Hidden and locked sections apply here too, so you see what students will see.</p>
        <ChallengeBuilder />
      </details>
    </div>
  );
}
