/**
 * The answers of the lesson steps on a stream of tasks ("Learn A then B"):
 * how much of the first task survives the second, read from the run's
 * accuracy matrix R[i][j] and its metrics (BWT, per-task forgetting; the
 * definitions are engine/stream/streamMetrics.ts's); and whether replaying
 * the earlier task keeps more of it, and at what price for the new one.
 */
import type { StreamSummary } from '../engine/experiment/events';
import { summaryOf, type Run } from '../runs/run';
import { minus, percent1, points, pointsOf, unfinished } from './answerFormat';
import type { Answer } from './lesson';

const notAStream = (run: Run): Answer => ({ text: `“${run.name}” is not a stream of tasks: it has no accuracy matrix to read.`, details: [] });

/** A signed number of points, as BWT reads: "−42.0 points", "+1.5 points". */
const signed = (share: number) => `${share > 0 ? '+' : ''}${points(share)}`;

/** The matrix as the heatmap shows it, one line per stage. */
function rowsOf(s: StreamSummary): string[] {
  return s.matrix.map((row, i) => `After stage ${i + 1} (${s.tasks[i]}): ${row.map((acc, j) => `${s.tasks[j]} ${percent1(acc)}`).join(', ')}.`);
}

/** The stream's matrix, or the answer that says why there is none. */
function streamOf(run: Run): StreamSummary | Answer {
  const summary = summaryOf(run);
  if (!summary) return unfinished(run);
  return summary.stream ?? notAStream(run);
}

const isAnswer = (x: StreamSummary | Answer): x is Answer => 'text' in x;

/** Learn A then B: how much of A is left at the end, and BWT. */
export function howMuchSurvives(run: Run): Answer {
  const s = streamOf(run);
  if (isAnswer(s)) return s;
  const last = s.matrix.length - 1;
  if (last < 1) return { text: `“${run.name}” finished only one stage: nothing came after the first task to make it forget.`, details: rowsOf(s) };
  const [a, b] = [s.tasks[0], s.tasks[last]];
  const learnedA = s.matrix[0][0];
  const endA = s.matrix[last][0];
  const gained = minus(learnedA, s.base[0]);
  // The share of what stage 1 gained on A that is still there at the end.
  const kept = gained > 0.02 ? Math.max(0, minus(endA, s.base[0])) / gained : null;
  const survives =
    kept === null
      ? `${a} was barely learned in its own stage (${percent1(s.base[0])} → ${percent1(learnedA)}), so there was little of it to lose.`
      : `${Math.round(100 * kept)}% of what it gained on ${a} survives: ${a} went ${percent1(s.base[0])} → ${percent1(learnedA)} in its own stage, and is at ${percent1(endA)} after ${b} (forgetting f = ${points(s.forgetting[0])}).`;
  return {
    text:
      `${survives} ${b} reached ${percent1(s.matrix[last][last])}. Backward transfer, the mean change of every earlier task since it was learned, is BWT = ${signed(s.bwt ?? 0)}: ` +
      `${(s.bwt ?? 0) < 0 ? 'negative, so later stages undid earlier ones' : 'not negative: the later stages did not undo the earlier ones'}. ` +
      `The general skills went ${percent1(s.generalBase)} → ${percent1(s.general[last])}. Read it in the heatmap: the first column, row by row.`,
    details: [...rowsOf(s), `Before training: ${s.tasks.map((t, j) => `${t} ${percent1(s.base[j])}`).join(', ')}.`],
  };
}

/** Replay of the earlier tasks against the same stream without: the first task's forgetting, BWT, and the last task's score. */
export function replayKeepsMore(replay: Run, sequential: Run): Answer {
  const [r, q] = [streamOf(replay), streamOf(sequential)];
  if (isAnswer(r)) return r;
  if (isAnswer(q)) return q;
  if (r.matrix.length < 2 || q.matrix.length < 2) return { text: 'Both runs need at least two finished stages to compare forgetting.', details: [] };
  const same = JSON.stringify(r.tasks) === JSON.stringify(q.tasks);
  const [lr, lq] = [r.matrix.length - 1, q.matrix.length - 1];
  const a = q.tasks[0];
  const b = q.tasks[lq];
  const [fr, fq] = [r.forgetting[0], q.forgetting[0]];
  const saved = minus(fq, fr);
  const verdict =
    Math.abs(saved) < 0.005
      ? `Replay made no difference to ${a} here (forgetting ${points(fr)} with it, ${points(fq)} without).`
      : saved > 0
        ? `Replaying ${a} cut its forgetting by ${points(saved)}: ${pointsOf(fq)} → ${pointsOf(fr)} points${fr < 0 ? ' (below zero: it even improved)' : ''}, and ${a} ends at ${percent1(r.matrix[lr][0])} instead of ${percent1(q.matrix[lq][0])}.`
        : `Replay did not help ${a} here: it forgot ${points(-saved)} more (forgetting ${pointsOf(fq)} → ${pointsOf(fr)} points).`;
  const cost = minus(q.matrix[lq][lq], r.matrix[lr][lr]);
  const price =
    Math.abs(cost) < 0.005
      ? `${b} reached the same ${percent1(r.matrix[lr][lr])} either way.`
      : cost > 0
        ? `The price: ${b} reached ${percent1(r.matrix[lr][lr])} instead of ${percent1(q.matrix[lq][lq])}, ${points(cost)} less, because part of every batch no longer trained it.`
        : `${b} even reached ${percent1(r.matrix[lr][lr])} against ${percent1(q.matrix[lq][lq])} without replay.`;
  return {
    text: `${verdict} ${price} BWT: ${signed(q.bwt ?? 0)} without replay, ${signed(r.bwt ?? 0)} with it.`,
    details: [
      `Without replay (${sequential.name}): ${rowsOf(q).join(' ')}`,
      `With replay (${replay.name}): ${rowsOf(r).join(' ')}`,
      ...(same ? [] : [`The two streams differ (${q.tasks.join(' → ')} against ${r.tasks.join(' → ')}): compare with care.`]),
    ],
  };
}
