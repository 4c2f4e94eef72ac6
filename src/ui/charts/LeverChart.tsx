import { memo, useState } from 'react';
import { CartesianGrid, ComposedChart, ErrorBar, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { settingText } from '../../engine/config/naming';
import { useViewStore } from '../../store/viewStore';
import { POINTS_DOMAIN, POINTS_TICKS } from './axes';
import { ChartCard } from './ChartCard';
import { Heatmap } from './Heatmap';
import type { SweepAxis } from '../../engine/sweep/sweep';
import { sweepGrid, sweepLever, sweepsOf, type LeverRow, type SweepView } from './series';
import type { ChartRun } from './useChartRuns';
import { chartLabel, useAxisWidth, useChartHeight } from './chartSize';

const GAIN_COLOR = '#0072B2';
const FORGETTING_COLOR = '#D55E00';

const fmt = (mean: number, sd: number, n: number) => `${mean.toFixed(1)}${n > 1 ? ` ± ${sd.toFixed(1)}` : ''}`;

function LeverTooltip({ active, payload, axis }: { active?: boolean; payload?: Array<{ payload?: LeverRow }>; axis: string }) {
  const p = active ? payload?.[0]?.payload : undefined;
  if (!p) return null;
  return (
    <div className="chart-tooltip">
      <strong>{p.value}</strong> ({axis})
      <div>
        task gain {fmt(p.taskGain, p.taskGainSd, p.n)} · forgetting {fmt(p.forgetting, p.forgettingSd, p.n)} pts · {p.n} seed(s)
      </div>
    </div>
  );
}

/** A setting's value as its label on the lever's axis: 'LoRA r16' reads as 'r16' there, '3e-4' as itself. */
const axisText = (sweep: SweepView) => {
  const config = sweep.runs[0].config;
  return (key: string, v: unknown) => settingText(key, v, config);
};

/**
 * A sweep's lever curve: the knob's values on x (in order, evenly spaced, as
 * sweeps are usually log-spaced), task gain and forgetting on y with the mean
 * over seeds and ± one sd as error bars; for a two-knob sweep, heatmaps of
 * forgetting and of gain. It shows the spotlit sweep, else the newest one with
 * a finished run; a picker chooses among several.
 */
export const LeverChart = memo(function LeverChart({ runs, id = 'lever', axes }: { runs: ChartRun[]; id?: string; axes?: readonly SweepAxis[] }) {
  const height = useChartHeight(260);
  const axisWidth = useAxisWidth(48);
  const spotlight = useViewStore((s) => s.spotlight);
  const sweeps = sweepsOf(runs.map((c) => c.run));
  const [picked, setPicked] = useState<string | null>(null);
  if (!sweeps.length) return null;
  const chosen =
    sweeps.find((s) => s.id === picked) ?? (spotlight?.kind === 'sweep' ? sweeps.find((s) => s.id === spotlight.id) : undefined) ?? sweeps[sweeps.length - 1];
  const text = axisText(chosen);
  const axisName = chosen.axes.join(' × ');
  const grid = chosen.axes.length === 2 ? sweepGrid(chosen, text, axes) : null;
  const rows = grid ? [] : sweepLever(chosen, text);
  const picker =
    sweeps.length > 1 ? (
      <label className="lever-picker">
        Sweep{' '}
        <select value={chosen.id} onChange={(e) => setPicked(e.target.value)} data-testid="lever-pick">
          {sweeps.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name} ({s.runs.length} runs)
            </option>
          ))}
        </select>
      </label>
    ) : null;

  if (grid) {
    const cellRows = grid.y.flatMap((y, i) => grid.x.map((x, j) => ({ x, y, c: grid.cells[i][j] })));
    return (
      <ChartCard
        id={id}
        title={`Sweep: ${chosen.name}`}
        description={`Forgetting and task gain (percentage points, mean over seeds) for each pair of values of ${axisName}. Darker is more.`}
        legend={picker}
        table={{
          columns: [chosen.axes[0], chosen.axes[1], 'task gain (pts)', 'sd', 'forgetting (pts)', 'sd', 'seeds'],
          rows: cellRows.map(({ x, y, c }) => (c ? [x, y, c.taskGain, c.taskGainSd, c.forgetting, c.forgettingSd, c.n] : [x, y, '', '', '', '', 0])),
        }}
      >
        <div className="heatmaps">
          <Heatmap title="forgetting" x={grid.x} y={grid.y} xName={chosen.axes[0]} yName={chosen.axes[1]} cells={grid.cells.map((r) => r.map((c) => c && { mean: c.forgetting, sd: c.forgettingSd, n: c.n }))} color={FORGETTING_COLOR} />
          <Heatmap title="task gain" x={grid.x} y={grid.y} xName={chosen.axes[0]} yName={chosen.axes[1]} cells={grid.cells.map((r) => r.map((c) => c && { mean: c.taskGain, sd: c.taskGainSd, n: c.n }))} color={GAIN_COLOR} />
        </div>
      </ChartCard>
    );
  }

  return (
    <ChartCard
      id={id}
      title={`Sweep: ${chosen.name}`}
      description={`Task gain and forgetting (percentage points) at each value of ${axisName}: the mean over seeds, with bars of ± one standard deviation. Values are evenly spaced, in order.`}
      empty="The sweep's points appear as its runs finish."
      legend={picker}
      table={{
        columns: [axisName, 'task gain (pts)', 'sd', 'forgetting (pts)', 'sd', 'seeds'],
        rows: rows.map((r) => [r.value, r.taskGain, r.taskGainSd, r.forgetting, r.forgettingSd, r.n]),
      }}
    >
      <ResponsiveContainer width="100%" height={height}>
        <ComposedChart data={rows} margin={{ top: 12, right: 24, bottom: 4, left: 4 }} {...chartLabel(`lever curve of ${axisName}`)}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="value" type="category" label={{ value: axisName, position: 'insideBottomRight', offset: -2 }} />
          <YAxis domain={POINTS_DOMAIN} ticks={POINTS_TICKS} width={axisWidth} label={{ value: 'points', angle: -90, position: 'insideLeft', offset: 10, style: { textAnchor: 'middle' } }} />
          <Tooltip content={<LeverTooltip axis={axisName} />} />
          <Legend verticalAlign="top" height={24} />
          <Line name="task gain" dataKey="taskGain" stroke={GAIN_COLOR} strokeWidth={2} dot={{ r: 4 }} isAnimationActive={false}>
            <ErrorBar dataKey="taskGainSd" width={6} stroke={GAIN_COLOR} direction="y" />
          </Line>
          <Line name="forgetting" dataKey="forgetting" stroke={FORGETTING_COLOR} strokeWidth={2} strokeDasharray="6 3" dot={{ r: 4 }} isAnimationActive={false}>
            <ErrorBar dataKey="forgettingSd" width={6} stroke={FORGETTING_COLOR} direction="y" />
          </Line>
        </ComposedChart>
      </ResponsiveContainer>
    </ChartCard>
  );
});
