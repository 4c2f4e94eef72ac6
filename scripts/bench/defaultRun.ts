/**
 * The default experiment end to end on the current backend, as the lab runs
 * it: wall time and the share spent evaluating (for the first run of a
 * session, which scores the base model, and a later one, which has it), blocking readbacks per training
 * step (counted between step events that have no evaluation between them),
 * and any GPU error reported on the way.
 */
import type { Checkpoint } from '../../src/engine/checkpoint/format';
import type { ExperimentConfig } from '../../src/engine/config/schema';
import { runOnce } from '../lib/runOnce';
import { countReadbacks } from './readbackCounter';

export interface DefaultRunFigures {
  /** The same run as the first of a session: the base model's baseline is not cached yet. */
  first: { wallMs: number; evalShare: number };
  wallMs: number;
  trainMs: number;
  evalMs: number;
  evalShare: number;
  msPerStep: number;
  steps: number;
  evals: number;
  readbacksPerStep: number;
}

export async function timeDefaultRun(config: ExperimentConfig, backend: string, base: Checkpoint): Promise<DefaultRunFigures> {
  await runOnce({ ...config, steps: 2, evalEvery: 1 }, backend, base); // warm-up: JIT, shader compiles
  // A copy of the checkpoint is a new one to the baseline cache: the first run of a session, then a later one.
  const session = { ...base };
  const first = await runOnce(config, backend, session);
  if (!first.summary) throw new Error(`the default run failed: ${first.error}`);
  const counter = countReadbacks();
  const perStep: number[] = [];
  let previous: { step: number; reads: number } | null = null;
  const result = await runOnce(config, backend, session, (e) => {
    if (e.type === 'eval') previous = null;
    if (e.type !== 'step') return;
    if (previous && e.step === previous.step + 1) perStep.push(counter.count - previous.reads);
    previous = { step: e.step, reads: counter.count };
  });
  counter.stop();
  if (!result.summary) throw new Error(`the default run failed: ${result.error}`);
  const trainMs = result.summary.msPerStep * config.steps;
  perStep.sort((a, b) => a - b);
  return {
    first: { wallMs: first.wallMs, evalShare: 1 - (first.summary.msPerStep * config.steps) / first.wallMs },
    wallMs: result.wallMs,
    trainMs,
    evalMs: result.wallMs - trainMs,
    evalShare: 1 - trainMs / result.wallMs,
    msPerStep: result.summary.msPerStep,
    steps: config.steps,
    evals: result.events.filter((e) => e.type === 'eval' || e.type === 'baseline').length,
    readbacksPerStep: perStep[perStep.length >> 1] ?? NaN,
  };
}
