import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartCard, RunLegend } from './ChartCard';
import { latestDrift } from './series';
import type { ChartRun } from './useChartRuns';

/** How far each module has moved from the base weights, ‖θ − θ0‖, at the latest evaluation. */
export function DriftChart({ runs }: { runs: ChartRun[] }) {
  const withDrift = runs.map((c) => ({ ...c, drift: latestDrift(c.run) })).filter((c) => c.drift.length > 0);
  const modules = withDrift[0]?.drift.map((d) => d.module) ?? [];
  const rows = modules.map((module) => {
    const row: Record<string, string | number> = { module };
    for (const c of withDrift) row[c.run.id] = c.drift.find((d) => d.module === module)?.drift ?? 0;
    return row;
  });
  return (
    <ChartCard
      id="drift"
      title="Drift from the base weights"
      description="‖θ − θ0‖ per module at each run's latest evaluation (LoRA modules: ‖s·BA‖)."
      empty="Drift appears after the first evaluation."
      legend={<RunLegend items={withDrift.map((c) => ({ id: c.run.id, name: c.run.name, color: c.color }))} />}
      table={{ columns: ['module', ...withDrift.map((c) => c.run.name)], rows: rows.map((r) => [r.module as string, ...withDrift.map((c) => r[c.run.id] as number)]) }}
    >
      <ResponsiveContainer width="100%" height={Math.max(260, 14 * modules.length + 40)}>
        <BarChart data={rows} layout="vertical" margin={{ top: 8, right: 16, bottom: 4, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis type="number" />
          <YAxis type="category" dataKey="module" width={92} interval={0} tick={{ fontSize: 10 }} />
          <Tooltip formatter={(v) => Number(v).toFixed(3)} />
          {withDrift.map((c) => (
            <Bar key={c.run.id} dataKey={c.run.id} name={c.run.name} fill={c.color} isAnimationActive={false} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}
