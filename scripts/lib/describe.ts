/** Plain-text summaries for the command line. */
import type { RunSummary } from '../../src/engine/experiment/events';

const pct = (x: number) => `${x >= 0 ? '+' : ''}${(100 * x).toFixed(1)}`;

export function describeSummary(s: RunSummary, backend: string): string {
  return (
    `task gain ${pct(s.taskGain)} pts (task ${(100 * s.taskAcc).toFixed(1)}%), ` +
    `forgetting ${(100 * s.forgetting).toFixed(1)} pts (general ${(100 * s.generalAcc).toFixed(1)}%), ` +
    `${s.msPerStep.toFixed(1)} ms/step on ${backend}, ${s.trainableParams} trainable params`
  );
}
