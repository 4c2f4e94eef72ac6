import { memo } from 'react';
import { CartesianGrid, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis, ZAxis } from 'recharts';
import { ChartCard, RunLegend } from './ChartCard';
import { paretoFront, tradeoffPoints } from './series';
import type { ChartRun } from './useChartRuns';

/** Every finished run as a point, forgetting against task gain, with the Pareto front. */
export const TradeoffChart = memo(function TradeoffChart({ runs }: { runs: ChartRun[] }) {
  const points = tradeoffPoints(runs.map((c) => c.run));
  const front = paretoFront(points);
  const colorOf = new Map(runs.map((c) => [c.run.id, c.color]));
  return (
    <ChartCard
      id="tradeoff"
      title="Trade-off: task gain vs forgetting"
      description="One point per finished run (percentage points). Up and to the left is better; the line joins the runs no other run beats on both."
      empty="Finished runs appear here."
      legend={<RunLegend items={[...points.map((p) => ({ id: p.id, name: p.name, color: colorOf.get(p.id)! })), { id: 'front', name: 'Pareto front', color: '#444', dashed: true }]} />}
      table={{
        columns: ['run', 'forgetting (pts)', 'task gain (pts)', 'on the front'],
        rows: points.map((p) => [p.name, p.forgetting, p.taskGain, front.includes(p) ? 'yes' : 'no']),
      }}
    >
      <ResponsiveContainer width="100%" height={260}>
        <ScatterChart margin={{ top: 12, right: 16, bottom: 4, left: 4 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis type="number" dataKey="forgetting" name="forgetting" domain={[0, 100]} label={{ value: 'forgetting (pts)', position: 'insideBottomRight', offset: -2 }} />
          <YAxis type="number" dataKey="taskGain" name="task gain" domain={[0, 100]} width={48} label={{ value: 'task gain (pts)', angle: -90, position: 'insideLeft', offset: 10, style: { textAnchor: 'middle' } }} />
          <ZAxis range={[70, 70]} />
          <Tooltip cursor={{ strokeDasharray: '3 3' }} formatter={(v) => Number(v).toFixed(1)} />
          <Scatter name="Pareto front" data={front} line={{ stroke: '#444', strokeDasharray: '5 4' }} shape={() => <g />} isAnimationActive={false} />
          {points.map((p) => (
            <Scatter
              key={p.id}
              name={p.name}
              data={[p]}
              fill={colorOf.get(p.id)}
              isAnimationActive={false}
              shape={(props: { cx?: number; cy?: number }) => <circle className="run-point" cx={props.cx} cy={props.cy} r={6} fill={colorOf.get(p.id)} stroke="#fff" />}
            />
          ))}
        </ScatterChart>
      </ResponsiveContainer>
    </ChartCard>
  );
});
