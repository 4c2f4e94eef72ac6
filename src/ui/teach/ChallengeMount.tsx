/** Mount point in App for the teaching feature it names; renders nothing until that feature exists. */
export function ChallengeMount() {
  return null;
}
