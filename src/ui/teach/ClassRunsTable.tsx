import type { Challenge } from '../../share/challenge';
import { checkRun } from '../../share/challengeCheck';
import type { ClassRun } from '../../share/classView';

/** Each run's verdict on each challenge it was shared under, in a few words. */
function ChallengeResults({ run, challenges }: { run: ClassRun; challenges: ReadonlyMap<string, Challenge> }) {
  if (!run.challengeKeys.length) return <>—</>;
  return (
    <>
      {run.challengeKeys.map((key) => {
        const challenge = challenges.get(key)!;
        const verdict = checkRun(challenge, run);
        const detail = verdict.breaks.length ? verdict.breaks.map((b) => b.text).join('; ') : verdict.checks.filter((c) => !c.met).map((c) => c.text).join('; ');
        return (
          <div key={key} className={`challenge-verdict ${verdict.breaks.length ? 'off-rules' : verdict.met ? 'met' : 'missed'}`}>
            {challenge.title}: {verdict.met ? 'met' : verdict.breaks.length ? 'not counted' : 'not met'}
            {detail && <span className="muted"> ({detail})</span>}
          </div>
        );
      })}
    </>
  );
}

/** Participants' runs of one group (a scenario and a challenge): the numbers, the verdicts, and where each came from. */
export function ClassRunsTable({
  id,
  heading,
  runs,
  challenges,
  colors,
}: {
  id: string;
  /** What the group is: 'Keep it under 10', 'Shared under no challenge'. */
  heading: string;
  runs: readonly ClassRun[];
  challenges: Array<{ key: string; challenge: Challenge }>;
  colors: ReadonlyMap<string, string>;
}) {
  const byKey = new Map(challenges.map((c) => [c.key, c.challenge]));
  const participants = new Set(runs.map((r) => r.participant)).size;
  return (
    <div className="teach-scroll" role="region" aria-labelledby={`${id}-caption`} tabIndex={0}>
      <table className="class-runs" data-testid="class-runs">
        <caption id={`${id}-caption`}>
          {heading}: {runs.length} run(s) from {participants} participant(s)
        </caption>
        <thead>
          <tr>
            <th scope="col">Participant</th>
            <th scope="col">Run</th>
            <th scope="col">Forgetting (pts)</th>
            <th scope="col">Task gain (pts)</th>
            <th scope="col">Steps</th>
            <th scope="col">Challenge</th>
            <th scope="col">From</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((r) => (
            <tr key={r.id}>
              <td>{r.participant}</td>
              <th scope="row">
                <span className="swatch" style={{ background: colors.get(r.id) }} aria-hidden="true" /> {r.name}
              </th>
              <td className="teach-num">{(100 * r.summary.forgetting).toFixed(1)}</td>
              <td className="teach-num">{(100 * r.summary.taskGain).toFixed(1)}</td>
              <td className="teach-num">{r.summary.steps}</td>
              <td>
                <ChallengeResults run={r} challenges={byKey} />
              </td>
              <td>{r.sources.join(', ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
