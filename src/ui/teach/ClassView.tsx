import { useMemo, useRef } from 'react';
import { challengeStandings, type ClassRun } from '../../share/classView';
import { useClassViewStore } from '../../store/classViewStore';
import type { Run } from '../../runs/run';
import { TradeoffChart } from '../charts/TradeoffChart';
import { assignColors } from '../palette';
import { ClassBestRuns } from './ClassBestRuns';
import { ClassInput } from './ClassInput';
import { ClassRunsTable } from './ClassRunsTable';
import { ClassSources } from './ClassSources';

/** A class run as the charts take a run: named with its participant, so the chart's legend says whose it is. */
function asRun(r: ClassRun): Run {
  return { id: r.id, name: `${r.participant} · ${r.name}`, config: r.config, backend: r.backend, events: r.events, status: 'done', hidden: false, startedAt: 0, origin: 'shared' };
}

/** Every participant's runs in one trade-off chart and one table, the best run per challenge, and what was skipped. */
export function ClassView() {
  const view = useClassViewStore((s) => s.view);
  const colorsRef = useRef<ReadonlyMap<string, string>>(new Map());
  const { chartRuns, colors } = useMemo(() => {
    const runs = view.runs.map(asRun);
    // A run keeps its colour as more links come in (palette.ts).
    const colors = assignColors(
      runs.map((r) => ({ id: r.id, finished: true })),
      colorsRef.current,
    );
    colorsRef.current = colors;
    return { chartRuns: runs.map((run) => ({ run, color: colors.get(run.id)!, dimmed: false })), colors };
  }, [view.runs]);
  const standings = useMemo(() => challengeStandings(view), [view]);

  return (
    <div className="class-body">
      <ClassInput />
      {view.sources.length > 0 && <ClassSources sources={view.sources} />}
      {view.runs.length > 0 && (
        <>
          <TradeoffChart runs={chartRuns} id="class-tradeoff" title="Class: task gain vs forgetting" />
          <ClassRunsTable runs={view.runs} challenges={view.challenges} colors={colors} />
          {standings.length > 0 && <ClassBestRuns standings={standings} />}
        </>
      )}
    </div>
  );
}
