/** For tests that compare runs: the events less what the machine's speed sets (the baseline's scoring time, the steps' mean time). */
import type { ExperimentEvent } from '../experiment/events';

export function withoutTiming(events: readonly ExperimentEvent[]): ExperimentEvent[] {
  return events.map((e) => (e.type === 'done' ? { ...e, summary: { ...e.summary, msPerStep: 0 } } : e.type === 'baseline' ? { ...e, timing: undefined } : e));
}
