import { memo } from 'react';
import { CartesianGrid, LabelList, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis, ZAxis } from 'recharts';
import { ChartCard, RunLegend } from './ChartCard';
import { paretoFront, sweepsOf, sweepTradeoff, tradeoffPoints, type TradeoffPoint } from './series';
import type { ChartRun } from './useChartRuns';
import { colorRepeat } from '../palette';
import { POINTS_DOMAIN, POINTS_TICKS } from './axes';
import { chartLabel, useAxisWidth, useChartHeight } from './chartSize';

const FRONT_COLOR = '#444';

/** A tooltip that names the run under the pointer, and its two numbers. */
function PointTooltip({ active, payload }: { active?: boolean; payload?: Array<{ payload?: Partial<TradeoffPoint> & { n?: number } }> }) {
  const p = active ? payload?.[0]?.payload : undefined;
  if (!p || p.forgetting === undefined || p.taskGain === undefined) return null;
  return (
    <div className="chart-tooltip">
      <strong>{p.name ?? p.label}</strong>
      <div>
        forgetting {p.forgetting.toFixed(1)} · task gain {p.taskGain.toFixed(1)} pts{p.n ? ` · mean of ${p.n} seed(s)` : ''}
      </div>
    </div>
  );
}

/**
 * Every finished run as a labelled point, forgetting against task gain; each
 * sweep's mean points joined in value order (a lever's own trade-off curve);
 * the Pareto front once there are two runs on it. `id` and `title` let a
 * second one (the class view's) stand on the page beside the lab's own.
 */
export const TradeoffChart = memo(function TradeoffChart({ runs, id = 'tradeoff', title = 'Trade-off: task gain vs forgetting' }: { runs: ChartRun[]; id?: string; title?: string }) {
  const height = useChartHeight(280);
  const axisWidth = useAxisWidth(58);
  const points = tradeoffPoints(runs.map((c) => c.run));
  const front = paretoFront(points);
  const showFront = front.length >= 2;
  const byId = new Map(runs.map((c) => [c.run.id, c]));
  const sweeps = sweepsOf(runs.map((c) => c.run))
    .filter((s) => s.axes.length === 1)
    .map((s) => ({ ...s, color: byId.get(s.runs[0].id)!.color, curve: sweepTradeoff(s).map((p) => ({ ...p, name: `${s.name}: ${p.label}` })) }))
    .filter((s) => s.curve.length >= 2);
  return (
    <ChartCard
      id={id}
      title={title}
      description="One labelled point per finished run (percentage points); a sweep's runs are joined in the order of its values. Up and to the left is better; the dashed line joins the runs no other run beats on both."
      empty="Finished runs appear here."
      legend={
        <RunLegend
          items={[
            ...points.map((p) => ({ id: p.id, name: p.name, color: byId.get(p.id)!.color })),
            ...sweeps.map((s) => ({ id: `sweep-${s.id}`, name: `${s.name} (means)`, color: s.color })),
            ...(showFront ? [{ id: 'front', name: 'Pareto front', color: FRONT_COLOR, dashed: true }] : []),
          ]}
        />
      }
      table={{
        columns: ['run', 'forgetting (pts)', 'task gain (pts)', 'on the front'],
        rows: points.map((p) => [p.name, p.forgetting, p.taskGain, front.includes(p) ? 'yes' : 'no']),
      }}
    >
      <ResponsiveContainer width="100%" height={height}>
        <ScatterChart margin={{ top: 16, right: 24, bottom: 4, left: 4 }} {...chartLabel('task gain against forgetting, one point per run')}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis type="number" dataKey="forgetting" name="forgetting" domain={POINTS_DOMAIN} ticks={POINTS_TICKS} label={{ value: 'forgetting (pts)', position: 'insideBottomRight', offset: -2 }} />
          <YAxis type="number" dataKey="taskGain" name="task gain" domain={POINTS_DOMAIN} ticks={POINTS_TICKS} width={axisWidth} label={{ value: 'task gain (pts)', angle: -90, position: 'insideLeft', offset: 4, style: { textAnchor: 'middle' } }} />
          <ZAxis range={[70, 70]} />
          <Tooltip cursor={{ strokeDasharray: '3 3' }} content={<PointTooltip />} />
          {showFront && <Scatter name="Pareto front" data={front} line={{ stroke: FRONT_COLOR, strokeDasharray: '5 4' }} shape={() => <g />} isAnimationActive={false} />}
          {sweeps.map((s) => (
            <Scatter key={s.id} name={s.name} data={s.curve} line={{ stroke: s.color, strokeWidth: 2 }} shape={() => <g />} isAnimationActive={false} />
          ))}
          {points.map((p) => {
            const c = byId.get(p.id)!;
            return (
              <Scatter
                key={p.id}
                name={p.name}
                data={[p]}
                fill={c.color}
                isAnimationActive={false}
                shape={(props: { cx?: number; cy?: number }) =>
                  // A colour the palette repeats (past 24 runs) draws as a ring, so two runs never look the same.
                  colorRepeat(c.color) ? (
                    <circle className="run-point" cx={props.cx} cy={props.cy} r={5} fill="#fff" stroke={c.color} strokeWidth={2.5} />
                  ) : (
                    <circle className="run-point" cx={props.cx} cy={props.cy} r={6} fill={c.color} stroke="#fff" />
                  )}
              >
                {!c.dimmed && <LabelList dataKey="label" position="top" offset={8} className="point-label" fill={c.color} fontSize={11} />}
              </Scatter>
            );
          })}
        </ScatterChart>
      </ResponsiveContainer>
    </ChartCard>
  );
});
