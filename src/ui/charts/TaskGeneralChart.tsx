import { memo } from 'react';
import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { EvalResult } from '../../engine/eval/score';
import { baselineOf } from '../../store/run';
import { ChartCard, RunLegend } from './ChartCard';
import { accuracySeries } from './series';
import type { ChartRun } from './useChartRuns';

const HEIGHT = 260;
const MARGIN = { top: 8, right: 16, bottom: 4, left: 0 };

interface LayerProps {
  runs: ChartRun[];
  maxStep: number;
  /** The bottom layer draws grid, axes, tooltips and the base model's levels; the top layer only lines. */
  base?: EvalResult | null;
  overlay?: boolean;
}

/** One LineChart of task (solid) and general (dashed) accuracy for the given runs. */
const Layer = memo(function Layer({ runs, maxStep, base, overlay }: LayerProps) {
  const hidden = overlay ? { stroke: 'transparent', tick: false } : {};
  return (
    <ResponsiveContainer width="100%" height={HEIGHT}>
      <LineChart margin={MARGIN}>
        {!overlay && <CartesianGrid strokeDasharray="3 3" />}
        <XAxis type="number" dataKey="step" domain={[0, maxStep]} allowDecimals={false} {...hidden} label={overlay ? undefined : { value: 'step', position: 'insideBottomRight', offset: -2 }} />
        <YAxis domain={[0, 100]} unit="%" width={48} {...hidden} />
        {!overlay && <Tooltip formatter={(v) => `${Number(v).toFixed(1)}%`} labelFormatter={(l) => `step ${l}`} />}
        {base && <ReferenceLine y={100 * base.generalAcc} stroke="#888" strokeDasharray="6 4" label={{ value: 'base general', position: 'insideTopLeft', fontSize: 11 }} />}
        {base && <ReferenceLine y={100 * base.task.acc} stroke="#888" label={{ value: 'base task', position: 'insideBottomLeft', fontSize: 11 }} />}
        {runs.map((c) => {
          const points = accuracySeries(c.run);
          return [
            <Line key={`${c.run.id}-task`} data={points} dataKey="task" name={`${c.run.name} task`} stroke={c.color} strokeWidth={2} isAnimationActive={false} dot={{ r: 2 }} />,
            <Line key={`${c.run.id}-general`} data={points} dataKey="general" name={`${c.run.name} general`} stroke={c.color} strokeWidth={2} strokeDasharray="5 4" isAnimationActive={false} dot={{ r: 2 }} />,
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
export const TaskGeneralChart = memo(function TaskGeneralChart({ settled, live, focus }: { settled: ChartRun[]; live: ChartRun | null; focus: ChartRun | null }) {
  const runs = live ? [...settled, live] : settled;
  const maxStep = Math.max(1, ...runs.map((c) => c.run.config.steps));
  const base = focus ? (baselineOf(focus.run)?.eval ?? null) : null;
  const series = runs.map((c) => ({ ...c, points: accuracySeries(c.run) }));
  return (
    <ChartCard
      id="task-general"
      title="Task gain vs general loss"
      description="Exact-match accuracy on held-out sets: the new task (solid) and the mean of the general skills (dashed). Grey lines: the base model."
      empty="Press Start: the base model is evaluated first, then every few steps."
      legend={
        <RunLegend
          items={series.flatMap((s) => [
            { id: `${s.run.id}-t`, name: `${s.run.name}: task`, color: s.color },
            { id: `${s.run.id}-g`, name: `${s.run.name}: general`, color: s.color, dashed: true },
          ])}
        />
      }
      table={{
        columns: ['run', 'step', 'task %', 'general %', 'task per-token %', 'general per-token %'],
        rows: series.flatMap((s) => s.points.map((p) => [s.run.name, p.step, p.task, p.general, p.taskToken, p.generalToken])),
      }}
    >
      <div className="layers" style={{ height: HEIGHT }}>
        <Layer runs={settled} maxStep={maxStep} base={base} />
        {live && (
          <div className="layer-overlay" aria-hidden="true">
            <Layer runs={[live]} maxStep={maxStep} overlay />
          </div>
        )}
      </div>
    </ChartCard>
  );
});
