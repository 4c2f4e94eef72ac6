import { memo } from 'react';
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { defaultConfig } from '../../engine/config/schema';
import { describeScenario } from '../../engine/scenarios/registry';
import { totalSteps } from '../../engine/stream/stream';
import { SKILL_COLORS } from '../colors';
import { ChartCard, RunLegend } from './ChartCard';
import { skillNames, skillSeries } from './series';
import type { ChartRun } from './useChartRuns';
import { chartLabel, useAxisWidth, useChartHeight } from './chartSize';

/** Each general skill (text: each genre of prose) over steps, for the focused run: which go first. */
export const SkillChart = memo(function SkillChart({ focus }: { focus: ChartRun | null }) {
  const height = useChartHeight(260);
  const axisWidth = useAxisWidth(48);
  const points = focus ? skillSeries(focus.run) : [];
  const skills = focus ? skillNames(focus.run) : [];
  const metrics = describeScenario(focus?.run.config.scenario ?? defaultConfig().scenario).metrics;
  return (
    <ChartCard
      id="skills"
      title={`${metrics.generalTitle}${focus ? `: ${focus.run.name}` : ''}`}
      description={metrics.perAbility}
      empty="No run yet."
      legend={<RunLegend items={skills.map((s) => ({ id: s, name: s, color: SKILL_COLORS[s] ?? '#555' }))} />}
      table={{ columns: ['step', ...skills.map((s) => `${s} %`)], rows: points.map((p) => [p.step, ...skills.map((s) => p[s])]) }}
    >
      <ResponsiveContainer width="100%" height={height}>
        <LineChart data={points} margin={{ top: 8, right: 16, bottom: 4, left: 0 }} {...chartLabel('accuracy per general skill')}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis type="number" dataKey="step" domain={[0, focus ? totalSteps(focus.run.config) : 1]} allowDecimals={false} />
          <YAxis domain={[0, 100]} unit="%" width={axisWidth} />
          <Tooltip formatter={(v) => `${Number(v).toFixed(1)}%`} labelFormatter={(l) => `step ${l}`} />
          {skills.map((s) => (
            <Line key={s} dataKey={s} stroke={SKILL_COLORS[s] ?? '#555'} strokeWidth={2} isAnimationActive={false} dot={{ r: 2 }} />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </ChartCard>
  );
});
