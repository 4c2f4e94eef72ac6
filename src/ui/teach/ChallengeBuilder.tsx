import { useId, useState, type FormEvent } from 'react';
import { allPresets } from '../../engine/config/presets';
import { goalBoundProblem, GOAL_METRICS, makeChallenge, type Goal, type GoalId } from '../../share/challenge';
import { encodeLink } from '../../share/link';
import { useChallengeStore } from '../../store/challengeStore';
import { useConfigStore } from '../../store/configStore';
import { useNoticeStore } from '../../store/noticeStore';
import { useViewStore } from '../../store/viewStore';
import { sectionList } from './sectionList';

const FIELD_LABELS: Record<GoalId, string> = {
  forgetting: 'Forgetting at most (points)',
  gain: 'Task gain at least (points)',
  steps: 'Steps at most',
};

/**
 * An instructor's challenge: a title, a goal, and the rules as set on this
 * page (the current settings and preset to start from, the locked and hidden
 * sections of the table above), shared as a link.
 */
export function ChallengeBuilder() {
  const id = useId();
  const [title, setTitle] = useState('');
  const [note, setNote] = useState('');
  const [bounds, setBounds] = useState<Record<GoalId, string>>({ forgetting: '10', gain: '90', steps: '150' });
  const [tried, setTried] = useState(false);
  const [link, setLink] = useState<string | null>(null);
  const preset = useConfigStore((s) => s.preset);
  const basedOn = useConfigStore((s) => s.basedOn);
  const applyPreset = useConfigStore((s) => s.applyPreset);
  const hidden = useViewStore((s) => s.hiddenGroups);
  const locked = useViewStore((s) => s.lockedGroups);
  const notify = useNoticeStore((s) => s.notify);

  const boundProblems = Object.fromEntries(
    GOAL_METRICS.map((m) => {
      const text = bounds[m.id].trim();
      return [m.id, text === '' ? null : goalBoundProblem(m, Number(text))];
    }),
  ) as Record<GoalId, string | null>;
  const goal: Goal = Object.fromEntries(GOAL_METRICS.filter((m) => bounds[m.id].trim() !== '' && !boundProblems[m.id]).map((m) => [m.id, Number(bounds[m.id])]));
  const titleProblem = title.trim() ? null : 'Give the challenge a title.';
  const goalProblem = Object.keys(goal).length || GOAL_METRICS.some((m) => boundProblems[m.id]) ? null : 'Set at least one goal.';
  const valid = !titleProblem && !goalProblem && GOAL_METRICS.every((m) => !boundProblems[m.id]);

  const build = () => {
    const { config } = useConfigStore.getState();
    const start = preset ?? basedOn;
    const challenge = makeChallenge(config, { title: title.trim(), note: note.trim(), goal, lock: [...locked], hide: [...hidden], preset: start });
    return { challenge, config, query: encodeLink(config, { preset: start, challenge }).query };
  };

  const copy = async (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (!valid) return;
    const url = `${location.origin}${location.pathname}${build().query}`;
    setLink(url);
    try {
      await navigator.clipboard.writeText(url);
      notify(`Challenge link copied to the clipboard (${url.length} characters).`, 'success');
    } catch {
      notify('The challenge link is in the box below the form: copy it from there.', 'info');
    }
  };

  const tryHere = () => {
    setTried(true);
    if (!valid) return;
    const { challenge, config } = build();
    useChallengeStore.getState().start(challenge, config);
    requestAnimationFrame(() => document.getElementById('challenge-title')?.focus());
  };

  const problemId = (what: string) => `${id}-${what}-problem`;
  return (
    <form className="challenge-builder" onSubmit={(e) => void copy(e)} noValidate data-testid="challenge-builder">
      <h3>Build a challenge</h3>
      <p className="muted">
        It starts from the current settings, with the sections locked and hidden as in the table above (locked: {locked.size ? sectionList([...locked]) : 'none'}; hidden:{' '}
        {hidden.size ? sectionList([...hidden]) : 'none'}). Every run a participant finishes is checked against the goal.
      </p>
      <div className="teach-field">
        <label htmlFor={`${id}-title`}>Title</label>
        <input
          id={`${id}-title`}
          value={title}
          maxLength={80}
          onChange={(e) => setTitle(e.target.value)}
          aria-invalid={tried && titleProblem ? true : undefined}
          aria-describedby={tried && titleProblem ? problemId('title') : undefined}
          data-testid="challenge-builder-title"
        />
        {tried && titleProblem && (
          <span id={problemId('title')} className="error-text">
            {titleProblem}
          </span>
        )}
      </div>
      <div className="teach-field">
        <label htmlFor={`${id}-note`}>Note for participants (optional)</label>
        <textarea id={`${id}-note`} value={note} maxLength={300} rows={2} onChange={(e) => setNote(e.target.value)} />
      </div>
      <fieldset className="goal-fields">
        <legend>Goal (leave a box empty for no limit)</legend>
        {GOAL_METRICS.map((m) => (
          <div className="teach-field" key={m.id}>
            <label htmlFor={`${id}-${m.id}`}>{FIELD_LABELS[m.id]}</label>
            <input
              id={`${id}-${m.id}`}
              // Text, not type=number: a browser hands over '' for a typo there, which would read as "no limit".
              inputMode={m.integer ? 'numeric' : 'decimal'}
              value={bounds[m.id]}
              onChange={(e) => setBounds({ ...bounds, [m.id]: e.target.value })}
              aria-invalid={boundProblems[m.id] ? true : undefined}
              aria-describedby={boundProblems[m.id] ? problemId(m.id) : undefined}
              data-testid={`challenge-builder-${m.id}`}
            />
            {boundProblems[m.id] && (
              <span id={problemId(m.id)} className="error-text">
                {boundProblems[m.id]}
              </span>
            )}
          </div>
        ))}
        {tried && goalProblem && <p className="error-text">{goalProblem}</p>}
      </fieldset>
      <div className="teach-field">
        <label htmlFor={`${id}-preset`}>Start from preset</label>
        <select id={`${id}-preset`} value={preset ?? ''} onChange={(e) => e.target.value && applyPreset(e.target.value)}>
          <option value="">{basedOn ? 'the current settings (edited)' : 'the current settings'}</option>
          {allPresets().map((p) => (
            <option key={p.name} value={p.name}>
              {p.title}
            </option>
          ))}
        </select>
      </div>
      <div className="buttons">
        <button type="submit" data-testid="copy-challenge-link">
          Copy challenge link
        </button>
        <button type="button" onClick={tryHere}>
          Try it here
        </button>
      </div>
      {link && <input className="link-box" readOnly value={link} aria-label="challenge link" data-testid="challenge-link-box" onFocus={(e) => e.currentTarget.select()} />}
    </form>
  );
}
