/**
 * How the lessons' answers write numbers read from the runs: shares (0–1 in
 * the events) as percentages or points, differences that add up as shown,
 * and the task-gain / forgetting trade-off of one run against another.
 * Shared by the skills lesson (lessonAnswers.ts) and the text lesson
 * (textLessonAnswers.ts).
 */
import type { RunSummary } from '../engine/experiment/events';
import type { Run } from '../runs/run';
import type { Answer } from './lesson';

/** A share in tenths of a point, the precision the page shows. */
const tenths = (share: number) => Math.round(1000 * share);

/** A share as points, one decimal, with a real minus sign: 0.708 -> "70.8". */
export function pointsOf(share: number): string {
  const t = tenths(share);
  return (t === 0 ? 0 : t / 10).toFixed(1).replace('-', '−');
}

export const points = (share: number) => `${pointsOf(share)} points`;

/**
 * a − b as a share, from the numbers as shown, so a difference printed
 * beside them adds up (98.0 − 12.3 = 85.7, never 85.8).
 */
export const minus = (a: number, b: number) => (tenths(a) - tenths(b)) / 1000;

export const percent = (share: number) => `${Math.round(100 * share)}%`;

/** A percentage beside a number of points, with the same precision, so the two agree. */
export const percent1 = (share: number) => `${pointsOf(share)}%`;

/** A run without its final scores cannot answer anything (the lesson asks only finished runs). */
export const unfinished = (run: Run): Answer => ({ text: `“${run.name}” has no final scores to read.`, details: [] });

/** "X points more/less (a → b)" for a change in one of the two numbers, from `before` (the reference run) to `after`. */
function change(before: number, after: number): { by: string; from: string } {
  return { by: points(Math.abs(minus(after, before))), from: `${pointsOf(before)} → ${pointsOf(after)}` };
}

/** Task gain and forgetting of a lever run against a reference run (usually "ignore"), in words. */
export function tradeOff(lever: RunSummary, reference: RunSummary, leverName: string, referenceName: string): string[] {
  const gained = change(reference.taskGain, lever.taskGain);
  const forgot = change(reference.forgetting, lever.forgetting);
  const gainLine =
    pointsOf(lever.taskGain) === pointsOf(reference.taskGain)
      ? `Task gain: the same, ${points(lever.taskGain)}, with ${leverName} and ${referenceName}.`
      : `Task gain: ${gained.by} ${lever.taskGain < reference.taskGain ? 'less' : 'more'} with ${leverName} (${referenceName} → ${leverName}: ${gained.from}).`;
  const forgotLine =
    pointsOf(lever.forgetting) === pointsOf(reference.forgetting)
      ? `Forgetting: the same, ${points(lever.forgetting)}.`
      : `Forgetting: ${forgot.by} ${lever.forgetting < reference.forgetting ? 'less' : 'more'} with ${leverName} (${forgot.from}).`;
  return [gainLine, forgotLine];
}
