import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { baselineOf } from '../../store/run';
import { ChartCard, RunLegend } from './ChartCard';
import { accuracySeries } from './series';
import type { ChartRun } from './useChartRuns';

/** The lab's main picture: task accuracy climbing while general accuracy falls. */
export function TaskGeneralChart({ runs, focus }: { runs: ChartRun[]; focus: ChartRun | null }) {
  const series = runs.map((c) => ({ ...c, points: accuracySeries(c.run) }));
  const base = focus ? baselineOf(focus.run) : null;
  const maxStep = Math.max(1, ...runs.map((c) => c.run.config.steps));
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
      <ResponsiveContainer width="100%" height={260}>
        <LineChart margin={{ top: 8, right: 16, bottom: 4, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis type="number" dataKey="step" domain={[0, maxStep]} allowDecimals={false} label={{ value: 'step', position: 'insideBottomRight', offset: -2 }} />
          <YAxis domain={[0, 100]} unit="%" width={48} />
          <Tooltip formatter={(v) => `${Number(v).toFixed(1)}%`} labelFormatter={(l) => `step ${l}`} />
          {base && <ReferenceLine y={100 * base.eval.generalAcc} stroke="#888" strokeDasharray="6 4" label={{ value: 'base general', position: 'insideTopLeft', fontSize: 11 }} />}
          {base && <ReferenceLine y={100 * base.eval.task.acc} stroke="#888" label={{ value: 'base task', position: 'insideBottomLeft', fontSize: 11 }} />}
          {series.map((s) => [
            <Line key={`${s.run.id}-task`} data={s.points} dataKey="task" name={`${s.run.name} task`} stroke={s.color} strokeWidth={2} isAnimationActive={false} dot={{ r: 2 }} />,
            <Line key={`${s.run.id}-general`} data={s.points} dataKey="general" name={`${s.run.name} general`} stroke={s.color} strokeWidth={2} strokeDasharray="5 4" isAnimationActive={false} dot={{ r: 2 }} />,
          ])}
        </LineChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}
