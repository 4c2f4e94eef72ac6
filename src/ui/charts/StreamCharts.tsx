import { memo } from 'react';
import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { totalSteps } from '../../engine/stream/stream';
import { describeScenario } from '../../engine/scenarios/registry';
import { streamCurves, streamViewOf, type StreamView } from '../../runs/streamView';
import { ChartCard, RunLegend } from './ChartCard';
import type { ChartRun } from './useChartRuns';
import { chartLabel, useAxisWidth, useChartHeight } from './chartSize';
import { useViewStore } from '../../store/viewStore';

/** Each stream task's colour, by its place in the stream (Okabe–Ito); general ability is grey and dashed. */
const TASK_COLORS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000', '#8A6D00'];
const GENERAL_COLOR = '#666666';

const pct = (x: number) => `${(100 * x).toFixed(0)}%`;
const pts = (x: number) => `${x >= 0 ? '+' : '−'}${Math.abs(100 * x).toFixed(1)} pts`;
/** A loss in points, with a true minus sign where a task improved. */
const lost = (x: number) => `${x < 0 ? '−' : ''}${Math.abs(100 * x).toFixed(1)} pts`;

/** White to blue by accuracy: darker is higher; the number in the cell is the reading. */
function shade(acc: number): string {
  const t = Math.max(0, Math.min(1, acc));
  const [r, g, b] = [0, 0x72, 0xb2].map((v) => Math.round(255 - (255 - v) * (0.06 + 0.94 * t)));
  return `rgb(${r},${g},${b})`;
}

/** The matrix as an SVG grid: the base row, a row per finished stage, the stage in progress as a dashed live row; the diagonal (each task right after its stage) outlined. */
function MatrixSvg({ view, present }: { view: StreamView; present: boolean }) {
  const cellW = present ? 92 : 70;
  const cellH = present ? 44 : 32;
  const font = present ? 18 : 13;
  const left = present ? 210 : 150;
  const top = present ? 30 : 22;
  const columns = [...view.tasks, 'general'];
  type Row = { label: string; values: (number | null)[]; live?: boolean; stage?: number };
  const rows: Row[] = [
    { label: 'base model', values: [...(view.base ?? view.tasks.map(() => null)), view.generalBase] },
    ...view.rows.map((r, i) => ({ label: `after ${i + 1}: ${view.tasks[i]}`, values: [...r, view.general[i]], stage: i })),
    ...(view.live ? [{ label: `now: ${view.tasks[view.live.stage]} (live)`, values: [...view.live.row, view.live.general], live: true, stage: view.live.stage }] : []),
    // Stages not reached yet stay as empty rows, so the matrix's shape shows from the start.
    ...view.tasks.slice(view.rows.length + (view.live ? 1 : 0)).map((t, k) => ({ label: `after ${view.rows.length + (view.live ? 1 : 0) + k + 1}: ${t}`, values: columns.map(() => null) })),
  ];
  const width = left + columns.length * cellW + 4;
  const height = top + rows.length * cellH + 4;
  return (
    <svg className="chart-surface stream-matrix" width="100%" viewBox={`0 0 ${width} ${height}`} style={{ maxWidth: width }} role="img" aria-label="accuracy after each stage on every task of the stream and on general ability">
      {columns.map((c, j) => (
        <text key={c} x={left + j * cellW + cellW / 2} y={top - 8} fontSize={font} textAnchor="middle" fontWeight={600}>
          {c}
        </text>
      ))}
      {rows.map((row, i) => (
        <g key={row.label} transform={`translate(0,${top + i * cellH})`}>
          <text x={left - 8} y={cellH / 2 + font / 3} fontSize={font} textAnchor="end" fontStyle={row.live ? 'italic' : undefined}>
            {row.label}
          </text>
          {row.values.map((v, j) => {
            const diagonal = row.stage !== undefined && row.stage === j;
            return (
              <g key={j} transform={`translate(${left + j * cellW},0)`}>
                <rect
                  width={cellW - 3}
                  height={cellH - 3}
                  fill={v === null || !Number.isFinite(v) ? '#f0f0f0' : shade(v)}
                  stroke={diagonal ? '#111' : row.live ? '#777' : '#fff'}
                  strokeWidth={diagonal ? 2 : 1}
                  strokeDasharray={row.live ? '4 3' : undefined}
                >
                  <title>{v === null ? `${row.label}, ${columns[j]}: not yet` : `${row.label}, ${columns[j]}: ${pct(v)}${row.live ? ' (live preview on fewer examples)' : ''}`}</title>
                </rect>
                <text x={(cellW - 3) / 2} y={cellH / 2 + font / 3} fontSize={font} textAnchor="middle" fill={v !== null && v > 0.55 ? '#fff' : '#111'}>
                  {v === null || !Number.isFinite(v) ? '–' : pct(v)}
                </text>
              </g>
            );
          })}
        </g>
      ))}
    </svg>
  );
}

/** The stream's metrics in words (engine/stream/streamMetrics.ts has the definitions). */
function MetricsLine({ view }: { view: StreamView }) {
  const m = view.metrics;
  if (!m) return <p className="muted">The metrics appear when the first stage ends.</p>;
  return (
    <p className="stream-metrics" data-testid="stream-metrics">
      After {m.stages} of {view.tasks.length} stage(s): average accuracy <strong>{pct(m.acc)}</strong>
      {m.bwt !== null && (
        <>
          , backward transfer (BWT) <strong>{pts(m.bwt)}</strong>
        </>
      )}
      {m.fwt !== null && <>, forward transfer {pts(m.fwt)}</>}. Forgetting:{' '}
      {m.forgetting.map((f, j) => `${view.tasks[j]} ${lost(f)}, `).join('')}general {lost(m.generalForgetting)}.
    </p>
  );
}

/** The focused run's stream: its accuracy matrix filling stage by stage, and every task's curve with the stage boundaries. */
export const StreamCharts = memo(function StreamCharts({ focus }: { focus: ChartRun | null }) {
  const height = useChartHeight(260);
  const axisWidth = useAxisWidth(48);
  const present = useViewStore((s) => s.presenting);
  const view = focus ? streamViewOf(focus.run) : null;
  if (!focus || !view) return null;
  const { run } = focus;
  const points = streamCurves(run);
  const accuracy = describeScenario(run.config.scenario).metrics.accuracy;
  // lora.perStage: an earlier task's cell is scored with that task's own adapter, not with the latest weights.
  const perTask = run.config.method === 'lora' && run.config.lora.perStage;
  const series = [...view.tasks.map((t, i) => ({ id: t, name: t, color: TASK_COLORS[i % TASK_COLORS.length] })), { id: 'general', name: 'general', color: GENERAL_COLOR }];
  const matrixRows = [
    ['base model', ...(view.base ?? []).map((x) => 100 * x), view.generalBase === null ? NaN : 100 * view.generalBase],
    ...view.rows.map((r, i) => [`after ${i + 1}: ${view.tasks[i]}`, ...r.map((x) => 100 * x), 100 * view.general[i]]),
  ];
  return (
    <>
      <ChartCard
        id="stream-matrix"
        title={`Stream: accuracy after each stage: ${run.name}`}
        description={`R[i][j], the ${accuracy} on task j (and on general ability) after training stage i, in %. The outlined diagonal is each task right after its own stage; below it, ${
          perTask ? 'each earlier task answered with its own adapter plugged in (one adapter per stage)' : 'what later stages left of it'
        }.`}
        table={{ columns: ['after stage', ...view.tasks.map((t) => `${t} %`), 'general %'], rows: matrixRows }}
      >
        <MatrixSvg view={view} present={present} />
        <MetricsLine view={view} />
      </ChartCard>
      <ChartCard
        id="stream-curves"
        title={`Stream: every task over the steps: ${run.name}`}
        description={`The ${accuracy} of every task of the stream and of general ability at each evaluation; dashed lines mark where a stage ends and the next task starts.`}
        empty="No evaluation yet."
        legend={<RunLegend items={series} />}
        table={{ columns: ['step', ...view.tasks.map((t) => `${t} %`), 'general %'], rows: points.map((p) => [p.step, ...view.tasks.map((t) => p[t]), p.general]) }}
      >
        <ResponsiveContainer width="100%" height={height}>
          <LineChart data={points} margin={{ top: 8, right: 16, bottom: 4, left: 0 }} {...chartLabel('accuracy of every task of the stream over the steps')}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis type="number" dataKey="step" domain={[0, totalSteps(run.config)]} allowDecimals={false} />
            <YAxis domain={[0, 100]} unit="%" width={axisWidth} />
            <Tooltip formatter={(v) => `${Number(v).toFixed(1)}%`} labelFormatter={(l) => `step ${l}`} />
            {view.ends.slice(0, -1).map((end, i) => (
              <ReferenceLine key={end} x={end} stroke="#444" strokeDasharray="5 4" label={{ value: `→ ${view.tasks[i + 1]}`, position: 'insideTopRight', fontSize: present ? 16 : 11 }} />
            ))}
            {series.map((s) => (
              <Line key={s.id} dataKey={s.id} name={s.name} stroke={s.color} strokeWidth={2} strokeDasharray={s.id === 'general' ? '6 3' : undefined} isAnimationActive={false} dot={{ r: 2 }} />
            ))}
          </LineChart>
        </ResponsiveContainer>
      </ChartCard>
    </>
  );
});
