/** Plain-text summaries for the command line. */
import type { RunSummary } from '../../src/engine/experiment/events';

const pct = (x: number) => `${x >= 0 ? '+' : ''}${(100 * x).toFixed(1)}`;

/** Text runs add bits per character and the samples' real-word share. */
function textFigures(s: RunSummary): string {
  const parts = [];
  if (s.taskBpc !== undefined && s.generalBpc !== undefined) parts.push(`domain ${s.taskBpc.toFixed(2)} bpc, general ${s.generalBpc.toFixed(2)} bpc`);
  if (s.realWords !== undefined) parts.push(`real words ${(100 * s.realWords).toFixed(0)}%`);
  return parts.length ? `${parts.join(', ')}, ` : '';
}

/** A stream run's matrix, one line per stage, and its GEM metrics (src/engine/stream/streamMetrics.ts). */
function streamFigures(s: RunSummary): string {
  const stream = s.stream;
  if (!stream) return '';
  const cell = (x: number) => `${(100 * x).toFixed(0)}%`.padStart(5);
  const header = `after stage  ${stream.tasks.map((t) => t.padStart(8)).join('')}  general`;
  const base = `base         ${stream.base.map((x) => cell(x).padStart(8)).join('')}  ${cell(stream.generalBase)}`;
  const rows = stream.matrix.map((row, i) => `${String(i + 1).padEnd(2)}${stream.tasks[i].padEnd(11)}${row.map((x) => cell(x).padStart(8)).join('')}  ${cell(stream.general[i])}`);
  const bwt = stream.bwt === null ? 'n/a' : `${pct(stream.bwt)} pts`;
  const forgetting = stream.forgetting.map((f, j) => `${stream.tasks[j]} ${(100 * f).toFixed(1)}`).join(', ');
  const switched = stream.perTaskAdapters ? ['(one adapter per stage: each earlier task scored with its own adapter switched in; general and later tasks with the stage\'s)'] : [];
  return [header, base, ...rows, ...switched, `average accuracy ${(100 * stream.acc).toFixed(1)}%, BWT ${bwt}, forgetting per task: ${forgetting || 'none yet'}, general ${(100 * stream.generalForgetting).toFixed(1)} pts`, ''].join('\n');
}

export function describeSummary(s: RunSummary, backend: string): string {
  return (
    streamFigures(s) +
    `task gain ${pct(s.taskGain)} pts (task ${(100 * s.taskAcc).toFixed(1)}%), ` +
    `forgetting ${(100 * s.forgetting).toFixed(1)} pts (general ${(100 * s.generalAcc).toFixed(1)}%), ` +
    textFigures(s) +
    `${s.msPerStep.toFixed(1)} ms/step on ${backend}, ${s.trainableParams} trainable params`
  );
}
