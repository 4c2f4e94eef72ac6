import { BUILTIN_CHALLENGES } from '../../share/builtinChallenges';
import { goalText } from '../../share/challenge';
import { useChallengeStore } from '../../store/challengeStore';

/** The built-in challenges, folded away until wanted; starting one sets the lab up as its link would. */
export function ChallengePicker() {
  const start = useChallengeStore((s) => s.start);
  return (
    <details className="challenge-picker" data-testid="challenge-picker">
      <summary>Challenges: reach a goal ({BUILTIN_CHALLENGES.length})</summary>
      <p className="muted">Each sets up the lab, locks what the challenge is not about, and checks every run you finish against its goal.</p>
      <ul>
        {BUILTIN_CHALLENGES.map(({ id, challenge, config }) => (
          <li key={id}>
            <strong>{challenge.title}</strong>: {goalText(challenge.goal)}. <span className="muted">{challenge.note}</span>{' '}
            <button
              type="button"
              className="small"
              aria-label={`Start challenge: ${challenge.title}`}
              data-testid={`start-challenge-${id}`}
              onClick={() => {
                start(challenge, config);
                // The panel that replaces this list takes the focus, so keyboard and screen-reader users land on it.
                requestAnimationFrame(() => document.getElementById('challenge-title')?.focus());
              }}
            >
              Start
            </button>
          </li>
        ))}
      </ul>
    </details>
  );
}
