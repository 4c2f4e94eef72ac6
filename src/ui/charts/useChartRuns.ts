import { useMemo } from 'react';
import { evalsOf, type Run } from '../../store/run';
import { useRunsStore } from '../../store/runsStore';
import { useViewStore } from '../../store/viewStore';
import { runColor } from '../colors';

export interface ChartRun {
  run: Run;
  color: string;
}

export interface ChartRuns {
  all: ChartRun[];
  /** Visible runs that are not in progress: they change only when runs are added, renamed, hidden or finish. */
  settled: ChartRun[];
  /** The visible run in progress, if any: it changes at every evaluation. */
  live: ChartRun | null;
  focus: ChartRun | null;
}

const isLive = (run: Run) => run.status === 'running' || run.status === 'paused';
const signatureOf = (run: Run) => `${run.id}:${run.name}:${run.hidden}:${run.status}:${evalsOf(run).length}:${run.events.at(-1)?.type}`;

/**
 * Runs for the charts, recomputed only when something a chart shows changes
 * (a new evaluation, a rename, hiding), not on every batch of step events;
 * settled runs keep their identity while only the live run moves, so charts
 * of settled runs do not redraw during training.
 */
export function useChartRuns(): ChartRuns {
  const settledKey = useRunsStore((s) => s.runs.filter((r) => !isLive(r)).map(signatureOf).join('|'));
  const liveKey = useRunsStore((s) => s.runs.filter(isLive).map(signatureOf).join('|'));
  const focusId = useViewStore((s) => s.focusRunId);

  const all = useMemo(
    () => useRunsStore.getState().runs.map((run, i) => ({ run, color: runColor(i) })),
    // The store is read directly, so that a batch of step events (which leaves the keys alone) does not
    // recompute; the keys change exactly when something read here does.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [settledKey, liveKey],
  );
  const settled = useMemo(
    () => all.filter((c) => !c.run.hidden && !isLive(c.run)),
    // Only settledKey, not `all`: settled runs keep their identity while the live run streams.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [settledKey],
  );
  const live = useMemo(() => all.find((c) => !c.run.hidden && isLive(c.run)) ?? null, [all]);
  const focus = useMemo(() => all.find((c) => c.run.id === focusId) ?? live ?? settled.at(-1) ?? null, [all, focusId, live, settled]);
  return useMemo(() => ({ all, settled, live, focus }), [all, settled, live, focus]);
}
