import { memo } from 'react';
import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { EvalResult } from '../../engine/eval/score';
import type { ScenarioName } from '../../engine/scenarios/names';
import { describeScenario } from '../../engine/scenarios/registry';
import { baselineOf } from '../../runs/run';
import { totalSteps } from '../../engine/stream/stream';
import { ChartCard, RunLegend } from './ChartCard';
import { accuracySeries, legendEntries } from './series';
import { useViewStore } from '../../store/viewStore';
import type { ChartRun } from './useChartRuns';
import { chartLabel, useAxisWidth, useChartHeight } from './chartSize';

const HEIGHT = 260;
const MARGIN = { top: 8, right: 16, bottom: 4, left: 0 };

interface LayerProps {
  runs: ChartRun[];
  maxStep: number;
  /** The bottom layer draws grid, axes, tooltips and the base model's levels; the top layer only lines. */
  base?: EvalResult | null;
  /** What the grey lines are: the base model, or (a run from merged adapters) the model it started from. */
  baseWord?: string;
  overlay?: boolean;
  /** Runs a legend entry points at: drawn thick, the others faint. */
  highlight?: readonly string[] | null;
}

const TOOLTIP_ROWS = 6;

/** A compact tooltip: the step, then one line per run (task and general), at most TOOLTIP_ROWS of them. */
function StepTooltip({
  active,
  payload,
  label,
}: {
  active?: boolean;
  payload?: Array<{ name?: string; value?: number; dataKey?: string; color?: string; payload?: { taskBpc?: number; generalBpc?: number } }>;
  label?: number;
}) {
  if (!active || !payload?.length) return null;
  const byRun = new Map<string, { color?: string; task?: number; general?: number; taskBpc?: number; generalBpc?: number }>();
  for (const p of payload) {
    const run = String(p.name ?? '').replace(/ (task|general)$/, '');
    const row = byRun.get(run) ?? { color: p.color };
    if (p.dataKey === 'task' || p.dataKey === 'general') row[p.dataKey] = p.value;
    // Text runs: bits per character beside the accuracy.
    if (p.payload?.taskBpc !== undefined) Object.assign(row, { taskBpc: p.payload.taskBpc, generalBpc: p.payload.generalBpc });
    byRun.set(run, row);
  }
  const rows = [...byRun.entries()];
  const pct = (v?: number) => (v === undefined ? '–' : `${v.toFixed(0)}%`);
  const bpc = (r: { taskBpc?: number; generalBpc?: number }) => (r.taskBpc === undefined ? '' : ` (${r.taskBpc.toFixed(2)} · ${r.generalBpc?.toFixed(2)} bits/char)`);
  return (
    <div className="chart-tooltip">
      <strong>step {label}</strong>
      <ul>
        {rows.slice(0, TOOLTIP_ROWS).map(([run, r]) => (
          <li key={run}>
            <span className="swatch" style={{ background: r.color }} aria-hidden="true" /> {run}: task {pct(r.task)} · general {pct(r.general)}
            {bpc(r)}
          </li>
        ))}
        {rows.length > TOOLTIP_ROWS && <li className="muted">and {rows.length - TOOLTIP_ROWS} more (see the data table)</li>}
      </ul>
    </div>
  );
}

/** Says so when the points during a run score fewer examples than the first and last (a cheaper live preview). */
function sampleNote(runs: ChartRun[]): string {
  const focus = runs.at(-1)?.run;
  if (!focus) return '';
  const full = baselineOf(focus)?.evalSize;
  const live = focus.events.find((e) => e.type === 'eval' && e.evalSize !== full);
  return full && live?.type === 'eval' ? ` Points during a run use ${live.evalSize} examples per skill (a quick preview, so they jump more); the first and the last use all ${full}.` : '';
}

/** One LineChart of task (solid) and general (dashed) accuracy for the given runs. */
const Layer = memo(function Layer({ runs, maxStep, base, baseWord = 'base', overlay, highlight = null }: LayerProps) {
  const height = useChartHeight(HEIGHT);
  const axisWidth = useAxisWidth(48);
  const hidden = overlay ? { stroke: 'transparent', tick: false } : {};
  // Dots mark the evaluations while few runs are drawn; with many they only add clutter (and SVG nodes).
  const dot = runs.length <= 3 ? { r: 2 } : false;
  return (
    <ResponsiveContainer width="100%" height={height}>
      {/* The overlay is aria-hidden: it must hold no Tab stop (the bottom layer is the chart's one). */}
      <LineChart margin={MARGIN} accessibilityLayer={!overlay} {...(overlay ? {} : chartLabel('task and general accuracy by step'))}>
        {!overlay && <CartesianGrid strokeDasharray="3 3" />}
        <XAxis type="number" dataKey="step" domain={[0, maxStep]} allowDecimals={false} {...hidden} label={overlay ? undefined : { value: 'step', position: 'insideBottomRight', offset: -2 }} />
        <YAxis domain={[0, 100]} unit="%" width={axisWidth} {...hidden} />
        {!overlay && <Tooltip content={<StepTooltip />} wrapperStyle={{ zIndex: 2 }} />}
        {base && <ReferenceLine y={100 * base.generalAcc} stroke="#888" strokeDasharray="6 4" label={{ value: `${baseWord} general`, position: 'insideTopLeft', fontSize: 11 }} />}
        {base && <ReferenceLine y={100 * base.task.acc} stroke="#888" label={{ value: `${baseWord} task`, position: 'insideBottomLeft', fontSize: 11 }} />}
        {runs.map((c) => {
          const points = accuracySeries(c.run);
          const lit = !highlight || highlight.includes(c.run.id);
          const line = { stroke: c.color, strokeWidth: highlight && lit ? 3.5 : 2, strokeOpacity: lit ? 1 : 0.2, isAnimationActive: false, dot };
          return [
            <Line key={`${c.run.id}-task`} data={points} dataKey="task" name={`${c.run.name} task`} {...line} />,
            <Line key={`${c.run.id}-general`} data={points} dataKey="general" name={`${c.run.name} general`} {...line} strokeDasharray="5 4" />,
          ];
        })}
      </LineChart>
    </ResponsiveContainer>
  );
});

/**
 * The lab's main picture: task accuracy climbing while general accuracy falls.
 * Finished runs and the run in progress are drawn in two stacked layers, so
 * each new evaluation redraws one run, not all of them.
 */
export const TaskGeneralChart = memo(function TaskGeneralChart({ settled, live, focus, scenario }: { settled: ChartRun[]; live: ChartRun[]; focus: ChartRun | null; scenario: ScenarioName }) {
  const height = useChartHeight(HEIGHT);
  const highlight = useViewStore((s) => s.highlight);
  const runs = [...settled, ...live];
  const maxStep = Math.max(1, ...runs.map((c) => totalSteps(c.run.config)));
  const base = focus ? (baselineOf(focus.run)?.eval ?? null) : null;
  // A run that started from merged adapters was scored on that model before its first step.
  const fromMerged = focus?.run.events.some((e) => e.type === 'merged') ?? false;
  const series = runs.map((c) => ({ ...c, points: accuracySeries(c.run) }));
  const anyText = series.some((s) => s.points.some((p) => p.taskBpc !== undefined));
  // The scenario on screen names what is measured: the charts hold its runs only (useChartRuns).
  const metrics = describeScenario(scenario).metrics;
  const measured = `${metrics.accuracy[0].toUpperCase()}${metrics.accuracy.slice(1)} (each on ${metrics.heldOut}): the ${metrics.task} (solid) and the mean of ${metrics.general} (dashed)`;
  return (
    <ChartCard
      id="task-general"
      title="Task gain vs general loss"
      description={`${measured}${metrics.bitsPerCharacter ? ', with bits per character in the tooltip and table' : ''}. Grey lines: ${fromMerged ? `the model the selected run started from (the base with adapters merged in)` : 'the base model'}.${sampleNote(runs)}`}
      empty="Press Start: the base model is evaluated first, then every few steps."
      legend={
        <RunLegend items={legendEntries(series)} />
      }
      table={{
        columns: ['run', 'step', 'task %', 'general %', 'task per-token %', 'general per-token %', ...(anyText ? ['task bits/char', 'general bits/char'] : [])],
        rows: series.flatMap((s) =>
          s.points.map((p) => [s.run.name, p.step, p.task, p.general, p.taskToken, p.generalToken, ...(anyText ? [p.taskBpc ?? '–', p.generalBpc ?? '–'] : [])]),
        ),
      }}
    >
      <div className="layers" style={{ height }}>
        {/* With nothing settled the live runs draw in the bottom layer, which then has data for its axes' ticks. */}
        <Layer runs={settled.length ? settled : live} maxStep={maxStep} base={base} baseWord={fromMerged ? 'start' : 'base'} highlight={highlight} />
        {live.length > 0 && settled.length > 0 && (
          <div className="layer-overlay" aria-hidden="true">
            <Layer runs={live} maxStep={maxStep} overlay highlight={highlight} />
          </div>
        )}
      </div>
    </ChartCard>
  );
});
