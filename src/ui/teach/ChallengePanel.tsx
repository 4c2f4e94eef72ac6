import { useMemo, useState } from 'react';
import { goalText, GOAL_METRICS, type Challenge } from '../../share/challenge';
import { BEST_RUN_RULE, bestRun, checkRun, type Verdict } from '../../share/challengeCheck';
import { findPreset } from '../../engine/config/presets';
import { useChallengeStore } from '../../store/challengeStore';
import { summaryOf, type Run } from '../../runs/run';
import { useRunsStore } from '../../store/runsStore';
import { sectionList } from './sectionList';

/** Rows shown before "Show all": the newest runs are the ones a participant is comparing. */
const RECENT = 6;

const finished = (run: Run) => run.status === 'done' && !run.hidden && summaryOf(run) !== null;

function VerdictCell({ verdict }: { verdict: Verdict }) {
  const kind = verdict.breaks.length ? 'off-rules' : verdict.met ? 'met' : 'missed';
  return (
    <td className={`challenge-verdict ${kind}`} data-testid="challenge-verdict">
      <span aria-hidden="true">{kind === 'met' ? '✓ ' : kind === 'missed' ? '✗ ' : '– '}</span>
      {kind === 'met' ? 'met' : kind === 'missed' ? 'not met' : `not counted: ${verdict.breaks.map((b) => b.text).join('; ')}`}
    </td>
  );
}

/** The challenge in play: its goal and rules, and every finished run checked against it, with margins. */
export function ChallengePanel({ challenge }: { challenge: Challenge }) {
  const leave = useChallengeStore((s) => s.leave);
  const [showAll, setShowAll] = useState(false);
  // Changes when a run finishes, is renamed, hidden or removed; not at every step of a live run.
  const finishedKey = useRunsStore((s) => s.runs.filter(finished).map((r) => `${r.id}:${r.name}`).join('|'));
  const checked = useMemo(
    () =>
      useRunsStore
        .getState()
        .runs.filter(finished)
        .map((run) => ({ run, summary: summaryOf(run)!, config: run.config }))
        .map((r) => ({ ...r, verdict: checkRun(challenge, r) }))
        .reverse(),
    // The store is read directly: finishedKey changes exactly when the finished runs do.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [finishedKey, challenge],
  );
  const goals = GOAL_METRICS.filter((m) => challenge.goal[m.id] !== undefined);
  const best = bestRun(challenge, checked);
  const latest = checked.reduce<(typeof checked)[number] | null>((a, b) => (a === null || (b.run.endedAt ?? 0) > (a.run.endedAt ?? 0) ? b : a), null);
  const shown = showAll ? checked : checked.slice(0, RECENT);
  const met = checked.filter((c) => c.verdict.met).length;
  const preset = challenge.preset ? findPreset(challenge.preset)?.title : null;

  return (
    <section className="challenge" aria-labelledby="challenge-title" data-testid="challenge">
      <h2 id="challenge-title" tabIndex={-1}>
        Challenge: {challenge.title}
      </h2>
      {challenge.note && <p>{challenge.note}</p>}
      <dl className="challenge-rules">
        <dt>Goal</dt>
        <dd data-testid="challenge-goal">{goalText(challenge.goal)}</dd>
        {preset && (
          <>
            <dt>Starts from</dt>
            <dd>{preset}</dd>
          </>
        )}
        <dt>Locked</dt>
        <dd data-testid="challenge-locked">{challenge.lock.length ? sectionList(challenge.lock) : 'nothing'}</dd>
        {challenge.hide.length > 0 && (
          <>
            <dt>Hidden</dt>
            <dd>{sectionList(challenge.hide)}</dd>
          </>
        )}
      </dl>
      <p role="status" className="challenge-latest" data-testid="challenge-latest">
        {latest ? `Latest run, ${latest.run.name}: ${latest.verdict.text}.` : 'Finish a run: it is checked against the goal when it ends.'}
      </p>
      {checked.length > 0 && (
        <>
          <div className="teach-scroll" role="region" aria-labelledby="challenge-runs-caption" tabIndex={0}>
            <table className="challenge-runs" data-testid="challenge-runs">
              <caption id="challenge-runs-caption">
                Finished runs against the goal, newest first: {met} of {checked.length} meet it
              </caption>
              <thead>
                <tr>
                  <th scope="col">Run</th>
                  <th scope="col">Result</th>
                  {goals.map((m) => (
                    <th scope="col" key={m.id}>
                      {m.label} {m.bound === 'max' ? '≤' : '≥'} {challenge.goal[m.id]}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {shown.map(({ run, verdict }) => (
                  <tr key={run.id}>
                    <th scope="row">{run.name}</th>
                    <VerdictCell verdict={verdict} />
                    {verdict.checks.map((c) => (
                      <td key={c.id} className={c.met ? 'met' : 'missed'}>
                        {c.valueText}: {c.met ? 'met' : 'missed'} by {c.marginText}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {checked.length > RECENT && (
            <button type="button" className="small" onClick={() => setShowAll(!showAll)} aria-expanded={showAll}>
              {showAll ? `Show the newest ${RECENT}` : `Show all ${checked.length} runs`}
            </button>
          )}
          <p data-testid="challenge-best">
            {best ? (
              <>
                Best so far: <strong>{best.run.name}</strong> ({best.verdict.checks.map((c) => `${c.label} ${c.valueText}`).join(', ')}).
              </>
            ) : (
              'No run meets the goal yet.'
            )}{' '}
            <span className="muted">{BEST_RUN_RULE}</span>
          </p>
        </>
      )}
      <div className="buttons">
        <button type="button" onClick={leave} data-testid="leave-challenge">
          Leave the challenge
        </button>
      </div>
    </section>
  );
}
