/**
 * The time-left estimate replayed on page runs recorded in Chromium (paceTraces.json,
 * recorded with e2e/timeLeft.spec.ts and PACE_TRACE_DIR): the estimate made at
 * each batch of events, shown as the countdown the page shows, against the time
 * the run then took.
 */
import { describe, expect, it } from 'vitest';
import { configSchema } from '../engine/config/schema';
import { evaluatesAt } from '../engine/experiment/evalPlan';
import recorded from './paceTraces.json';
import { NOT_YET_SHOWN, showTimeLeft } from './countdown';
import { estimateTimeLeft, type PacePoint } from './timeLeft';

/** A recorded run (paceTraces.json says how each field reads). */
interface Trace {
  name: string;
  plan: { scenario: string; steps: number; evalEvery: number; liveEvalSize: number };
  endAt: number;
  baseline: [at: number, evalSize: number, scoreMs: number, samplesMs: number];
  stepGaps: number[];
  evals: [step: number, at: number, evalSize: number, samples: number][];
  batchEndsAt: number[];
}

/** The run's events in the order they came. */
function pointsOf(trace: Trace): PacePoint[] {
  const [at, evalSize, scoreMs, samplesMs] = trace.baseline;
  let stepAt = 0;
  const steps = trace.stepGaps.map((gap, i): PacePoint => ({ kind: 'step', step: i + 1, at: (stepAt += gap) }));
  const evals = trace.evals.map(([step, at, evalSize, samples]): PacePoint => ({ kind: 'eval', step, at, evalSize, samples: samples === 1 }));
  // An evaluation's event comes after its step's.
  const order = (p: PacePoint) => [p.at, p.kind === 'eval' ? 1 : 0, p.step];
  const rest = [...steps, ...evals].sort((p, q) => {
    const [a, b] = [order(p), order(q)];
    return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
  });
  return [{ kind: 'baseline', step: 0, at, evalSize, timing: { scoreMs, samplesMs } }, ...rest];
}

interface Replay {
  trace: Trace;
  /** Shown at the first batch that reached step 20, and the time the run then took. */
  at20: { step: number; shownMs: number; estimateMs: number; actualMs: number };
  /** How much slower the machine trained after that reading than before it (mean ms per step, steps 4–20 against the rest). */
  slowdown: number;
  /** The figure shown after each batch, and when. */
  shown: { at: number; ms: number }[];
}

function replay(trace: Trace): Replay {
  const plan = configSchema.parse(trace.plan);
  const points = pointsOf(trace);
  const trainedBy = (step: number) => (evaluatesAt(step, plan) ? step : step + 1);
  let shown = NOT_YET_SHOWN;
  const figures: Replay['shown'] = [];
  let at20: Replay['at20'] | null = null;
  for (const at of trace.batchEndsAt) {
    const seen = points.filter((p) => p.at <= at);
    const estimate = estimateTimeLeft(seen, plan);
    shown = showTimeLeft(shown, estimate, at);
    if (shown.left.known) figures.push({ at, ms: shown.left.msLeft });
    const step = seen.filter((p) => p.kind === 'step').at(-1)?.step ?? 0;
    if (!at20 && step >= 20) {
      at20 = { step, shownMs: shown.left.known ? shown.left.msLeft : NaN, estimateMs: estimate.known ? estimate.msLeft : NaN, actualMs: trace.endAt - at };
    }
  }
  if (!at20) throw new Error(`${trace.name} never reached step 20`);
  // Training time per step, evaluations left out, before and after the reading.
  const split = trainedBy(at20.step);
  const pace = { before: { ms: 0, steps: 0 }, after: { ms: 0, steps: 0 } };
  for (let i = 1; i < points.length; i++) {
    const [a, b] = [points[i - 1], points[i]];
    if (b.kind !== 'step' || a.kind === 'baseline') continue;
    const from = a.kind === 'eval' ? a.step : trainedBy(a.step);
    if (from < 3) continue;
    const side = from >= split ? pace.after : pace.before;
    side.ms += b.at - a.at;
    side.steps += trainedBy(b.step) - from;
  }
  return { trace, at20, slowdown: pace.after.ms / pace.after.steps / (pace.before.ms / pace.before.steps), shown: figures };
}

const replays = (recorded.traces as Trace[]).map(replay);
const label = (r: Replay) =>
  `${r.trace.name}: ${(r.at20.shownMs / 1000).toFixed(1)} s shown at step ${r.at20.step}, ${(r.at20.actualMs / 1000).toFixed(1)} s left, the machine ${r.slowdown.toFixed(2)}× as slow after`;

describe('the time left on recorded page runs', () => {
  it('holds runs of both scenarios, some on a machine that kept its pace', () => {
    for (const scenario of ['skills', 'text']) {
      const runs = replays.filter((r) => r.trace.plan.scenario === scenario);
      expect(runs.length, scenario).toBeGreaterThanOrEqual(3);
      expect(runs.filter((r) => Math.abs(Math.log(r.slowdown)) < Math.log(1.15)).length, `${scenario} runs at a steady pace`).toBeGreaterThanOrEqual(1);
    }
  });

  it('where the machine kept its pace (within 15%), the time left shown at step 20 is within ±30% of the time the run then took', () => {
    for (const r of replays.filter((r) => Math.abs(Math.log(r.slowdown)) < Math.log(1.15))) {
      const ratio = r.at20.shownMs / r.at20.actualMs;
      expect(ratio, label(r)).toBeGreaterThan(0.7);
      expect(ratio, label(r)).toBeLessThan(1.3);
    }
  });

  it('everywhere, the estimate at step 20 is within ±30% once the machine’s later change of pace is taken out', () => {
    // A machine that got twice as slow after step 20 makes any estimate from the pace so far half the time left:
    // what is left to judge is the estimate's own error (its pace, the evaluations, the last one on the whole sets).
    for (const r of replays) {
      const ratio = (r.at20.estimateMs / r.at20.actualMs) * r.slowdown;
      expect(ratio, label(r)).toBeGreaterThan(0.7);
      expect(ratio, label(r)).toBeLessThan(1.3);
    }
  });

  it('the figure shown counts down: it never jumps up between two batches', () => {
    for (const r of replays) {
      for (let i = 1; i < r.shown.length; i++) {
        const [before, now] = [r.shown[i - 1], r.shown[i]];
        // A rise is eased: at most a tenth of the figure (and 0.2 s) from one batch to the next.
        expect(now.ms - before.ms, `${r.trace.name} at ${now.at.toFixed(0)} ms`).toBeLessThan(0.1 * before.ms + 200);
      }
    }
  });
});
