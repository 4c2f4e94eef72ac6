import { memo } from 'react';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartCard, RunLegend } from './ChartCard';
import { latestDrift } from './series';
import type { ChartRun } from './useChartRuns';
import { chartLabel, useAxisWidth, useChartHeight } from './chartSize';

/** How far each module of the selected run has moved from the base weights, ‖θ − θ0‖, at its latest evaluation. */
export const DriftChart = memo(function DriftChart({ focus }: { focus: ChartRun | null }) {
  const height = useChartHeight(260);
  const axisWidth = useAxisWidth(92);
  const drift = focus ? latestDrift(focus.run) : [];
  return (
    <ChartCard
      id="drift"
      title={`Drift from the base weights${focus ? `: ${focus.run.name}` : ''}`}
      description="‖θ − θ0‖ per module at the selected run's latest evaluation (LoRA modules: ‖s·BA‖). Pick a run in the list to compare."
      empty="Drift appears after the first evaluation."
      legend={focus && drift.length ? <RunLegend items={[{ id: focus.run.id, name: focus.run.name, color: focus.color }]} /> : undefined}
      table={{ columns: ['module', '‖θ − θ0‖'], rows: drift.map((d) => [d.module, d.drift]) }}
    >
      <ResponsiveContainer width="100%" height={Math.max(height, 14 * drift.length + 40)}>
        <BarChart data={drift} layout="vertical" margin={{ top: 8, right: 16, bottom: 4, left: 8 }} {...chartLabel('drift from the base weights per module')}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis type="number" />
          <YAxis type="category" dataKey="module" width={axisWidth} interval={0} tick={{ fontSize: 10 }} />
          <Tooltip formatter={(v) => Number(v).toFixed(3)} />
          <Bar dataKey="drift" name={focus?.run.name ?? 'drift'} fill={focus?.color ?? '#888'} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </ChartCard>
  );
});
