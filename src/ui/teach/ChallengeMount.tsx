import { useChallengeStore } from '../../store/challengeStore';
import { ChallengePanel } from './ChallengePanel';
import { ChallengePicker } from './ChallengePicker';
import './teach.css';

/** Above Start: the challenge in play with each finished run's verdict, or the built-in challenges to pick from. */
export function ChallengeMount() {
  const active = useChallengeStore((s) => s.active);
  return active ? <ChallengePanel challenge={active} /> : <ChallengePicker />;
}
