import { useMemo } from 'react';
import { evalsOf, type Run } from '../../store/run';
import { useRunsStore } from '../../store/runsStore';
import { useViewStore } from '../../store/viewStore';
import { runColor } from '../colors';

export interface ChartRun {
  run: Run;
  color: string;
}

/**
 * Runs for the charts, recomputed only when something a chart shows changes
 * (a new evaluation, a rename, hiding), not on every batch of step events.
 */
export function useChartRuns(): { all: ChartRun[]; visible: ChartRun[]; focus: ChartRun | null } {
  const signature = useRunsStore((s) => s.runs.map((r) => `${r.id}:${r.name}:${r.hidden}:${r.status}:${evalsOf(r).length}:${r.events.at(-1)?.type}`).join('|'));
  const focusId = useViewStore((s) => s.focusRunId);
  return useMemo(() => {
    const all = useRunsStore.getState().runs.map((run, i) => ({ run, color: runColor(i) }));
    const visible = all.filter((c) => !c.run.hidden);
    const focus = all.find((c) => c.run.id === focusId) ?? visible.at(-1) ?? null;
    return { all, visible, focus };
    // The signature covers everything read here.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [signature, focusId]);
}
