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

export function describeSummary(s: RunSummary, backend: string): string {
  return (
    `task gain ${pct(s.taskGain)} pts (task ${(100 * s.taskAcc).toFixed(1)}%), ` +
    `forgetting ${(100 * s.forgetting).toFixed(1)} pts (general ${(100 * s.generalAcc).toFixed(1)}%), ` +
    textFigures(s) +
    `${s.msPerStep.toFixed(1)} ms/step on ${backend}, ${s.trainableParams} trainable params`
  );
}
