/**
 * The stream report's table (README): per config, mean ± sd over seeds of the
 * task gain (mean over tasks of R[j][j] − b_j: how much each stage learned its
 * task), the stream's average accuracy ACC, backward transfer BWT, each earlier task's
 * forgetting f_j and the general forgetting, in points, and the general
 * skills' answer loss at the end (nats per token; the base model's is given
 * above the table). Definitions: src/engine/stream/streamMetrics.ts.
 */
import type { StreamSummary } from '../../src/engine/experiment/events';
import type { Measured } from './claims';

interface StreamReportRuns {
  runs: { label: string; perSeed: Record<string, Measured> }[];
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const sd = (xs: number[]) => {
  const m = mean(xs);
  return Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / Math.max(xs.length - 1, 1));
};
const pts = (xs: number[]) => `${(100 * mean(xs)).toFixed(1)} ± ${(100 * sd(xs)).toFixed(1)}`;
const num = (xs: number[]) => `${mean(xs).toFixed(2)} ± ${sd(xs).toFixed(2)}`;

function streamOf(m: Measured): StreamSummary {
  if (!m.summary.stream) throw new Error('the stream report holds a run that is not a stream');
  return m.summary.stream;
}

export function streamTableLines(report: StreamReportRuns): string[] {
  const first = Object.values(report.runs[0]?.perSeed ?? {})[0];
  if (!first) return [];
  const tasks = streamOf(first).tasks;
  const earlier = tasks.slice(0, -1);
  const all = report.runs.flatMap((r) => Object.values(r.perSeed));
  const baseLoss = all.flatMap((m) => (m.generalLoss ? [m.generalLoss.base] : []));
  return [
    `Skills stream ${tasks.join(' → ')}; points (mean ± sd over seeds); general loss in nats per token (the base model's: ${baseLoss.length ? mean(baseLoss).toFixed(3) : 'n/a'}).`,
    '',
    `| config | task gain | ACC | BWT | ${earlier.map((t) => `forgetting ${t}`).join(' | ')} | general forgetting | general loss |`,
    `|---|---|---|---|${earlier.map(() => '---|').join('')}---|---|`,
    ...report.runs.map((run) => {
      const ms = Object.values(run.perSeed);
      const ss = ms.map(streamOf);
      const loss = ms.flatMap((m) => (m.generalLoss ? [m.generalLoss.end] : []));
      return `| ${run.label} | ${pts(ms.map((m) => m.summary.taskGain))} | ${pts(ss.map((s) => s.acc))} | ${pts(ss.map((s) => s.bwt ?? NaN))} | ${earlier.map((_, j) => `${pts(ss.map((s) => s.forgetting[j]))} | `).join('')}${pts(ss.map((s) => s.generalForgetting))} | ${loss.length ? num(loss) : 'n/a'} |`;
    }),
  ];
}
