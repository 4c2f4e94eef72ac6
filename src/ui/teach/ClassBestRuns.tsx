import { goalText } from '../../share/challenge';
import { BEST_RUN_RULE } from '../../share/challengeCheck';
import type { ChallengeStanding } from '../../share/classView';

/** For each challenge the links carried: how many runs meet it, and the best one, by a rule stated beside it. */
export function ClassBestRuns({ standings }: { standings: readonly ChallengeStanding[] }) {
  return (
    <div className="class-best">
      <h3>Best run per challenge</h3>
      <p className="muted">{BEST_RUN_RULE} Only runs shared under the challenge count, and only if they kept its locked settings.</p>
      <div className="teach-scroll" role="region" aria-labelledby="class-best-caption" tabIndex={0}>
        <table data-testid="class-best">
          <caption id="class-best-caption" className="sr-only">
            Best run per challenge
          </caption>
          <thead>
            <tr>
              <th scope="col">Challenge</th>
              <th scope="col">Goal</th>
              <th scope="col">Runs that meet it</th>
              <th scope="col">Best run</th>
              <th scope="col">Forgetting (pts)</th>
              <th scope="col">Task gain (pts)</th>
            </tr>
          </thead>
          <tbody>
            {standings.map((s) => (
              <tr key={s.key}>
                <th scope="row">{s.challenge.title}</th>
                <td>{goalText(s.challenge.goal)}</td>
                <td className="teach-num">
                  {s.met} of {s.entered.length}
                </td>
                <td data-testid="class-best-run">{s.best ? `${s.best.participant} · ${s.best.name}` : 'none yet'}</td>
                <td className="teach-num">{s.best ? (100 * s.best.summary.forgetting).toFixed(1) : '—'}</td>
                <td className="teach-num">{s.best ? (100 * s.best.summary.taskGain).toFixed(1) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
