/**
 * Small, hand-made runs for the lesson tests: a baseline, a few evaluations
 * and a summary computed from them exactly as the engine computes it
 * (eval/score.ts), so a test states accuracies and the answer must find them.
 */
import { applySettings } from '../engine/config/keys';
import { defaultConfig } from '../engine/config/schema';
import { forgetting, taskGain, toEvalResult } from '../engine/eval/score';
import type { ExperimentEvent } from '../engine/experiment/events';
import type { Run, RunStatus } from '../store/run';

type Accuracies = Record<string, number>;

interface FakePoint {
  step: number;
  /** Exact match per general skill, and `task`. */
  acc: Accuracies;
  drift?: number;
  evalSize?: number;
}

export interface FakeRunSpec {
  id?: string;
  name?: string;
  settings?: Record<string, unknown>;
  status?: RunStatus;
  startedAt?: number;
  before: Accuracies;
  points: FakePoint[];
  trainable?: number;
  total?: number;
  origin?: Run['origin'];
  /** Leave out the done event (a run stopped, failed or still going). */
  unfinished?: boolean;
  error?: string;
}

let counter = 0;

function evalOf(acc: Accuracies, task: string) {
  const scores = Object.fromEntries(Object.entries(acc).map(([name, a]) => [name === 'task' ? task : name, { acc: a, tokenAcc: a, loss: 1 - a }]));
  return toEvalResult(scores, task, Object.keys(acc).filter((k) => k !== 'task'));
}

export function fakeRun(spec: FakeRunSpec): Run {
  const { config, errors } = applySettings(defaultConfig(), spec.settings ?? {});
  if (errors.length) throw new Error(`bad fake settings: ${errors.map((e) => e.key).join(', ')}`);
  const baseline = evalOf(spec.before, config.task);
  const total = spec.total ?? 1000;
  const events: ExperimentEvent[] = [
    { type: 'start', config, backend: 'cpu', params: { total, trainable: spec.trainable ?? total } },
    { type: 'baseline', eval: baseline, evalSize: 128, samples: [] },
  ];
  for (const p of spec.points) {
    events.push({ type: 'step', step: p.step, loss: 1, lr: config.lr });
    events.push({ type: 'eval', step: p.step, eval: evalOf(p.acc, config.task), evalSize: p.evalSize ?? 128, drift: { total: p.drift ?? 0, byLayer: {} } });
  }
  const last = spec.points.at(-1);
  if (spec.error) events.push({ type: 'error', message: spec.error });
  else if (!spec.unfinished && last) {
    const end = evalOf(last.acc, config.task);
    events.push({
      type: 'done',
      summary: {
        taskGain: taskGain(baseline, end),
        forgetting: forgetting(baseline, end),
        taskAcc: end.task.acc,
        generalAcc: end.generalAcc,
        taskTokenAcc: end.task.tokenAcc,
        generalTokenAcc: end.generalTokenAcc,
        steps: last.step,
        msPerStep: 1,
        trainableParams: spec.trainable ?? total,
      },
    });
  }
  counter += 1;
  return {
    id: spec.id ?? `fake-${counter}`,
    name: spec.name ?? `fake ${counter}`,
    config,
    backend: 'cpu',
    events,
    status: spec.status ?? (spec.error ? 'error' : spec.unfinished ? 'stopped' : 'done'),
    hidden: false,
    startedAt: spec.startedAt ?? counter,
    origin: spec.origin,
  };
}
