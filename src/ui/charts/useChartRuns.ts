import { useMemo, useRef } from 'react';
import { evalsOf, type Run } from '../../runs/run';
import type { ScenarioName } from '../../engine/scenarios/names';
import { useConfigStore } from '../../store/configStore';
import { useRunsStore } from '../../store/runsStore';
import { useViewStore } from '../../store/viewStore';
import { assignColors } from '../palette';
import { familyOf } from './series';
import { useStaggered } from '../useStaggered';

export interface ChartRun {
  run: Run;
  color: string;
  /** Greyed: focus mode shows another run or sweep. */
  dimmed: boolean;
}

export interface ChartRuns {
  /** Runs on the charts: finished ones and the one in progress, visible ones only; stopped or failed runs stay in the list only. */
  all: ChartRun[];
  /** Finished visible runs: they change only when runs are added, renamed, hidden or finish. */
  settled: ChartRun[];
  /** The visible runs in progress (several when a sweep runs in parallel): they change at every evaluation. */
  live: ChartRun[];
  /** The run the per-skill, drift and generations panels show. */
  focus: ChartRun | null;
  /** Colour of every finished run (the run list's swatches too); runs of different scenarios may share one. */
  colors: ReadonlyMap<string, string>;
  /** The scenario on screen: the charts show its runs only, against its own base lines. */
  scenario: ScenarioName;
  /** Runs the charts would show but for their scenario, counted per scenario (a heading offers to switch to them). */
  elsewhere: Array<{ scenario: ScenarioName; runs: number }>;
}

/** A run in progress is drawn in ink until it finishes and takes its colour. */
const LIVE_COLOR = '#222222';
const DIMMED_COLOR = '#c8c8c8';

const isLive = (run: Run) => run.status === 'running' || run.status === 'paused';
const onCharts = (run: Run) => !run.hidden && (run.status === 'done' || isLive(run));
/**
 * While runs train, the charts take their new evaluations at most this often:
 * a recharts redraw costs the page's thread hundreds of ms on a slow machine,
 * and on 2 cores that thread shares them with the training worker.
 */
const LIVE_REDRAW_MS = 1000;
const signatureOf = (run: Run) => `${run.id}:${run.name}:${run.hidden}:${run.status}:${evalsOf(run).length}:${run.events.at(-1)?.type}`;

/**
 * Runs for the charts, of the scenario on screen only (two scenarios' runs
 * measure different things: exact match against next-character accuracy),
 * recomputed only when something a chart shows changes
 * (a new evaluation, a rename, hiding, the focus), not on every batch of step
 * events; settled runs keep their identity while a run streams, so charts of
 * settled runs do not redraw during training. Colours go to finished runs
 * only, and a run keeps its colour (palette.ts assignColors).
 */
export function useChartRuns(): ChartRuns {
  const scenario = useConfigStore((s) => s.config.scenario);
  const elsewhereKey = useRunsStore((s) =>
    s.runs
      .filter((r) => onCharts(r) && r.config.scenario !== scenario)
      .map((r) => r.config.scenario)
      .join(','),
  );
  const settledKey = useRunsStore((s) => s.runs.filter((r) => !isLive(r)).map(signatureOf).join('|'));
  const liveKey = useStaggered(
    useRunsStore((s) => s.runs.filter(isLive).map(signatureOf).join('|')),
    0,
    LIVE_REDRAW_MS,
  );
  const focusId = useViewStore((s) => s.focusRunId);
  const spotlight = useViewStore((s) => s.spotlight);
  const colorsRef = useRef<ReadonlyMap<string, string>>(new Map());

  const colors = useMemo(() => {
    // Each scenario has the whole palette: the charts never show two scenarios at once.
    const byScenario = new Map<ScenarioName, Run[]>();
    for (const r of useRunsStore.getState().runs) byScenario.set(r.config.scenario, [...(byScenario.get(r.config.scenario) ?? []), r]);
    const next = new Map<string, string>();
    for (const runs of byScenario.values()) {
      const colors = assignColors(
        runs.map((r) => ({ id: r.id, finished: r.status === 'done', family: familyOf(r) })),
        colorsRef.current,
      );
      for (const [id, color] of colors) next.set(id, color);
    }
    colorsRef.current = next;
    return next;
    // The store is read directly, so that a batch of step events (which leaves the key alone) does not
    // recompute; settledKey changes exactly when a run finishes, is added or removed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [settledKey]);

  const all = useMemo(() => {
    const lit = (run: Run) => !spotlight || (spotlight.kind === 'run' ? run.id === spotlight.id : run.sweep?.id === spotlight.id);
    return useRunsStore
      .getState()
      .runs.filter((run) => onCharts(run) && run.config.scenario === scenario)
      .map((run) => ({ run, color: lit(run) ? (colors.get(run.id) ?? LIVE_COLOR) : DIMMED_COLOR, dimmed: !lit(run) }));
    // As above: the keys change exactly when something read here does.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [settledKey, liveKey, colors, spotlight, scenario]);
  const settled = useMemo(
    () => all.filter((c) => !isLive(c.run)),
    // Only settledKey, not `all`: settled runs keep their identity while the live run streams.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [settledKey, colors, spotlight, scenario],
  );
  const live = useMemo(() => all.filter((c) => isLive(c.run)), [all]);
  const focus = useMemo(() => all.find((c) => c.run.id === focusId) ?? live[0] ?? settled.at(-1) ?? null, [all, focusId, live, settled]);
  const elsewhere = useMemo(() => {
    const counts = new Map<ScenarioName, number>();
    for (const name of elsewhereKey ? (elsewhereKey.split(',') as ScenarioName[]) : []) counts.set(name, (counts.get(name) ?? 0) + 1);
    return [...counts].map(([name, runs]) => ({ scenario: name, runs }));
  }, [elsewhereKey]);
  return useMemo(() => ({ all, settled, live, focus, colors, scenario, elsewhere }), [all, settled, live, focus, colors, scenario, elsewhere]);
}
