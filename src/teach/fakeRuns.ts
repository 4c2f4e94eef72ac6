/**
 * Small, hand-made runs for the lesson tests: a baseline, a few evaluations
 * and a summary computed from them exactly as the engine computes it
 * (eval/score.ts), so a test states accuracies and the answer must find them.
 * A text run (settings { scenario: 'text' }) may add, at the baseline and at
 * any point, bits per character per source, the real-word share and samples;
 * its task is the domain, and its summary carries the last point's bits and
 * real words as the engine's does.
 */
import { describeScenario, taskOf } from '../engine/scenarios/registry';
import { applySettings } from '../engine/config/keys';
import { defaultConfig } from '../engine/config/schema';
import { forgetting, taskGain, toEvalResult } from '../engine/eval/score';
import type { Sample } from '../engine/eval/samples';
import type { ExperimentEvent } from '../engine/experiment/events';
import type { Run, RunStatus } from '../runs/run';

type Accuracies = Record<string, number>;

/** What a text run's evaluation adds: bits per character per source (and `task`), the samples' real-word share, the samples. */
interface FakeText {
  bpc?: Accuracies;
  realWords?: number;
  samples?: Sample[];
}

interface FakePoint extends FakeText {
  step: number;
  /** Exact match per general skill (text: next-character accuracy per genre), and `task`. */
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
  /** A text run's baseline: bits per character, real words, samples. */
  beforeText?: FakeText;
  points: FakePoint[];
  trainable?: number;
  total?: number;
  origin?: Run['origin'];
  /** Leave out the done event (a run stopped, failed or still going). */
  unfinished?: boolean;
  error?: string;
}

let counter = 0;

function evalOf(acc: Accuracies, task: string, text: FakeText = {}) {
  const scores = Object.fromEntries(
    Object.entries(acc).map(([name, a]) => [name === 'task' ? task : name, { acc: a, tokenAcc: a, loss: 1 - a, ...(text.bpc?.[name] !== undefined ? { bpc: text.bpc[name] } : {}) }]),
  );
  const result = toEvalResult(scores, task, Object.keys(acc).filter((k) => k !== 'task'));
  return text.realWords === undefined ? result : { ...result, realWords: text.realWords };
}

/** A text sample: the words of `answer` in `madeUp` are marked as made-up, as the engine marks them. */
export function fakeSample(prompt: string, answer: string, madeUp: readonly string[] = []): Sample {
  const nonWords = madeUp.map((w): [number, number] => {
    const at = answer.indexOf(w);
    if (at < 0) throw new Error(`'${w}' is not in '${answer}'`);
    return [at, at + w.length];
  });
  return { skill: 'text', prompt, expected: '', answer, nonWords };
}

export function fakeRun(spec: FakeRunSpec): Run {
  const { config, errors } = applySettings(defaultConfig(), spec.settings ?? {});
  if (errors.length) throw new Error(`bad fake settings: ${errors.map((e) => e.key).join(', ')}`);
  const task = taskOf(config);
  const fullSize = describeScenario(config.scenario).evalSize;
  const baseline = evalOf(spec.before, task, spec.beforeText);
  const total = spec.total ?? 1000;
  const events: ExperimentEvent[] = [
    { type: 'start', config, backend: 'cpu', params: { total, trainable: spec.trainable ?? total } },
    { type: 'baseline', eval: baseline, evalSize: fullSize, samples: spec.beforeText?.samples ?? [] },
  ];
  for (const p of spec.points) {
    events.push({ type: 'step', step: p.step, loss: 1, lr: config.lr });
    events.push({
      type: 'eval',
      step: p.step,
      eval: evalOf(p.acc, task, p),
      evalSize: p.evalSize ?? fullSize,
      drift: { total: p.drift ?? 0, byLayer: {} },
      ...(p.samples ? { samples: p.samples } : {}),
    });
  }
  const last = spec.points.at(-1);
  if (spec.error) events.push({ type: 'error', message: spec.error });
  else if (!spec.unfinished && last) {
    const end = evalOf(last.acc, task, last);
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
        ...(end.task.bpc !== undefined ? { taskBpc: end.task.bpc } : {}),
        ...(end.generalBpc !== undefined ? { generalBpc: end.generalBpc } : {}),
        ...(end.realWords !== undefined ? { realWords: end.realWords } : {}),
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
