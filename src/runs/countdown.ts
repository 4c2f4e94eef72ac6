/**
 * The time left as shown: a countdown that runs down with the run's own clock.
 * A lower estimate is shown at once (the figure only falls faster); a higher
 * one is eased toward over a couple of seconds, so a stall lifts the figure a
 * little instead of making it jump up and down. Replayed on recorded page runs
 * (runs/paceTraces.json), easing the falls too made the figure at step 20 lag
 * the estimate and miss the time left more often.
 */
import type { TimeLeft } from './timeLeft';

/** The time left shown as of `at` (ms of the run's active time, the worker's stamps). */
export interface Countdown {
  msLeft: number;
  at: number;
}

/** How fast the shown figure follows a higher estimate: it closes 63% of the gap in this many ms of the run. */
const FOLLOW_UP_MS = 2_000;
/** … and by at most this share of the figure at one update (after a stall, the time since the last one is long). */
const MOST_RISE = 0.1;

/** The countdown at `at`, given the one shown before (null: none yet) and the estimate made at `at`. */
export function countDown(shown: Countdown | null, estimateMs: number, at: number): Countdown {
  if (!shown || !Number.isFinite(shown.msLeft)) return { msLeft: Math.max(0, estimateMs), at };
  const elapsed = Math.max(0, at - shown.at);
  const ticked = Math.max(0, shown.msLeft - elapsed);
  if (estimateMs <= ticked) return { msLeft: Math.max(0, estimateMs), at };
  const weight = 1 - Math.exp(-elapsed / FOLLOW_UP_MS);
  return { msLeft: Math.min(ticked + weight * (estimateMs - ticked), Math.max(ticked, shown.msLeft * (1 + MOST_RISE))), at };
}

/** The time left to show, and the countdown behind it. */
export interface ShownTimeLeft {
  left: TimeLeft;
  countdown: Countdown | null;
}

export const NOT_YET_SHOWN: ShownTimeLeft = { left: { known: false }, countdown: null };

/** After new events: the estimate made at the last of them (`at`), shown as the countdown eased toward it. */
export function showTimeLeft(before: ShownTimeLeft, estimate: TimeLeft, at: number): ShownTimeLeft {
  if (!estimate.known) return { left: estimate, countdown: before.countdown };
  const countdown = countDown(before.countdown, estimate.msLeft, at);
  return { left: { ...estimate, msLeft: countdown.msLeft }, countdown };
}
