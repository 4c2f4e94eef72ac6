import { useMemo, useRef } from 'react';
import { describeScenario } from '../../engine/scenarios/registry';
import { challengeStandings, groupClassRuns, type ClassRun } from '../../share/classView';
import { useClassViewStore } from '../../store/classViewStore';
import type { Run } from '../../runs/run';
import { TradeoffChart } from '../charts/TradeoffChart';
import { assignColors } from '../palette';
import { ClassBestRuns } from './ClassBestRuns';
import { ClassInput } from './ClassInput';
import { ClassRunsTable } from './ClassRunsTable';
import { ClassSources } from './ClassSources';
import { ClassSweepResults } from './ClassSweepResults';

/** A class run as the charts take a run: named with its participant, so the chart's legend says whose it is. */
function asRun(r: ClassRun): Run {
  return { id: r.id, name: `${r.participant} · ${r.name}`, config: r.config, backend: r.backend, events: r.events, status: 'done', hidden: false, startedAt: 0, origin: 'shared' };
}

/**
 * Every participant's runs, by scenario (each its own trade-off chart and
 * Pareto front: two scenarios measure different things) and, within one, a
 * table per challenge; the best run per challenge, and what was skipped.
 */
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
    return { chartRuns: new Map(runs.map((run) => [run.id, { run, color: colors.get(run.id)!, dimmed: false }])), colors };
  }, [view.runs]);
  const groups = useMemo(() => groupClassRuns(view), [view]);
  const standings = useMemo(() => challengeStandings(view), [view]);
  const titleOf = (key: string | null) => (key === null ? 'Shared under no challenge' : `Challenge “${view.challenges.find((c) => c.key === key)?.challenge.title ?? key}”`);

  return (
    <div className="class-body">
      <ClassInput />
      {view.sources.length > 0 && <ClassSources sources={view.sources} />}
      {view.sweep && <ClassSweepResults view={view} />}
      {groups.map((g) => {
        const label = describeScenario(g.scenario).label;
        return (
          <section key={g.scenario} className="class-scenario" aria-label={`${label} runs`} data-testid={`class-scenario-${g.scenario}`}>
            {groups.length > 1 && (
              <h3>
                {label[0].toUpperCase()}
                {label.slice(1)} scenario: {g.runs.length} run(s)
              </h3>
            )}
            <TradeoffChart runs={g.runs.map((r) => chartRuns.get(r.id)!)} id={`class-tradeoff-${g.scenario}`} title={`Class, ${label}: task gain vs forgetting`} />
            {g.challenges.map((c, i) => (
              <ClassRunsTable key={c.key ?? "none"} id={`class-runs-${g.scenario}-${i}`} heading={titleOf(c.key)} runs={c.runs} challenges={view.challenges} colors={colors} />
            ))}
          </section>
        );
      })}
      {standings.length > 0 && <ClassBestRuns standings={standings} />}
    </div>
  );
}
