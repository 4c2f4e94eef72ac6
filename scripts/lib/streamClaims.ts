/**
 * The continual-learning claims a stream of tasks must show, as checks over
 * measured stream runs (their summary's `stream` block: the accuracy matrix,
 * per-task forgetting f_j, BWT and general forgetting; stream/streamMetrics.ts
 * has the definitions). Judged per seed, as claims.ts's are; the thresholds
 * were set before the report was measured.
 */
import type { StreamSummary } from '../../src/engine/experiment/events';
import type { ClaimSpec, Measured } from './claims';

/** Slack for "less than" (fractions): one or two examples' worth of noise, as claims.ts. */
const TOLERANCE = 0.02;

const f = (x: number) => (100 * x).toFixed(1);
const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(xs.length, 1);

function streamOf(m: Measured): StreamSummary {
  if (!m.summary.stream) throw new Error('a stream claim judged a run that is not a stream');
  return m.summary.stream;
}

/** Mean forgetting f_j over the tasks before the last (stability on the stream's own tasks). */
const earlierForgetting = (m: Measured) => mean(streamOf(m).forgetting);
const generalForgetting = (m: Measured) => streamOf(m).generalForgetting;

/** The first task loses at least half of what its own stage taught it, by the end of the stream. */
export function firstTaskForgottenClaim(label: string, what: string): ClaimSpec {
  return {
    id: `stream-forgets-first:${label}`,
    text: `${what} forgets the first task: by the end it has lost at least half of what the first stage taught it`,
    labels: [label],
    judge: ([m]) => {
      const s = streamOf(m);
      const learned = s.matrix[0][0] - s.base[0];
      return { held: learned > 0 && s.forgetting[0] >= learned / 2, detail: `${s.tasks[0]}: learned ${f(learned)}, forgot ${f(s.forgetting[0])}` };
    },
  };
}

/** A lever cuts a forgetting (the earlier tasks', or the general skills') at least in half. */
export function halvesClaim(kind: 'tasks' | 'general', plain: string, lever: string, what: string): ClaimSpec {
  const of = kind === 'tasks' ? earlierForgetting : generalForgetting;
  const whose = kind === 'tasks' ? "the earlier tasks' forgetting" : 'general forgetting';
  return {
    id: `stream-halves-${kind}:${lever}`,
    text: `${what} cuts ${whose} at least in half vs ${plain}`,
    labels: [plain, lever],
    judge: ([a, b]) => ({ held: of(b) <= of(a) / 2, detail: `${whose} ${f(of(a))} → ${f(of(b))}` }),
  };
}

/** A lever leaves the earlier tasks' forgetting above half of the plain run's: it does not protect them. */
export function keepsTaskForgettingClaim(plain: string, lever: string, what: string): ClaimSpec {
  return {
    id: `stream-not-tasks:${lever}`,
    text: `${what} does not protect the earlier tasks: their forgetting stays above half of ${plain}'s`,
    labels: [plain, lever],
    judge: ([a, b]) => ({ held: earlierForgetting(b) > earlierForgetting(a) / 2, detail: `earlier tasks' forgetting ${f(earlierForgetting(a))} → ${f(earlierForgetting(b))}` }),
  };
}

/** Per-task adapters switched in: no earlier task loses anything (f_j = 0 exactly, so BWT = 0). */
export function switchingKeepsClaim(label: string): ClaimSpec {
  return {
    id: `stream-switching-keeps:${label}`,
    text: `${label}: switching to task j's adapter answers task j exactly as at the end of its stage (every f_j = 0, BWT = 0)`,
    labels: [label],
    judge: ([m]) => {
      const s = streamOf(m);
      return { held: s.forgetting.every((x) => x === 0), detail: `f = ${s.forgetting.map(f).join(', ')}; learned ${s.matrix.map((r, j) => f(r[j] - s.base[j])).join(', ')}` };
    },
  };
}

/** One run ends with a higher average accuracy (ACC) over the stream's tasks than another. */
export function higherAccClaim(better: string, worse: string): ClaimSpec {
  return {
    id: `stream-acc:${better}>${worse}`,
    text: `${better} ends with a higher average accuracy (ACC) over the stream's tasks than ${worse}`,
    labels: [worse, better],
    judge: ([a, b]) => ({ held: streamOf(b).acc > streamOf(a).acc + TOLERANCE, detail: `ACC ${f(streamOf(a).acc)} vs ${f(streamOf(b).acc)}` }),
  };
}

/** One run forgets (the earlier tasks, or the general skills) less than another, by more than the tolerance. */
export function forgetsLessClaim(kind: 'tasks' | 'general', less: string, more: string, text: string): ClaimSpec {
  const of = kind === 'tasks' ? earlierForgetting : generalForgetting;
  return {
    id: `stream-less-${kind}:${less}<${more}`,
    text,
    labels: [more, less],
    judge: ([a, b]) => ({ held: of(b) < of(a) - TOLERANCE, detail: `${kind === 'tasks' ? "earlier tasks'" : 'general'} forgetting ${f(of(a))} (${more}) vs ${f(of(b))} (${less})` }),
  };
}
