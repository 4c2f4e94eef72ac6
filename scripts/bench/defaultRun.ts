/**
 * The default experiment end to end on the current backend, as the lab runs
 * it: wall time; time training (the run's own msPerStep × steps); time
 * evaluating, measured directly as the time from the event before each
 * evaluation to the evaluation's event (the base model's too, which a later
 * run of a session has cached); blocking readbacks per training step (counted
 * between step events that have no evaluation between them); the rest is
 * setup and batch preparation. The first run of a session is timed too.
 */
import type { ScenarioAssets } from '../../src/engine/scenarios/scenario';
import type { ExperimentConfig } from '../../src/engine/config/schema';
import type { ExperimentEvent } from '../../src/engine/experiment/events';
import { runOnce } from '../lib/runOnce';
import { countReadbacks } from './readbackCounter';

export interface DefaultRunFigures {
  /** The same run as the first of a session: it also scores the base model. */
  first: { wallMs: number; evalMs: number; evalShare: number };
  wallMs: number;
  trainMs: number;
  evalMs: number;
  evalShare: number;
  msPerStep: number;
  steps: number;
  evals: number;
  readbacksPerStep: number;
}

/** Runs once, timing evaluations from the event before each to its own (baseline and eval events). */
async function timedRun(config: ExperimentConfig, backend: string, assets: ScenarioAssets, onEvent?: (e: ExperimentEvent) => void) {
  let evalMs = 0;
  let last = performance.now();
  const result = await runOnce(config, backend, assets, (e) => {
    const now = performance.now();
    if (e.type === 'baseline' || e.type === 'eval') evalMs += now - last;
    last = now;
    onEvent?.(e);
  });
  if (!result.summary) throw new Error(`the default run failed: ${result.error}`);
  return { result, summary: result.summary, evalMs };
}

export async function timeDefaultRun(config: ExperimentConfig, backend: string, assets: ScenarioAssets): Promise<DefaultRunFigures> {
  await runOnce({ ...config, steps: 2, evalEvery: 1 }, backend, assets); // warm-up: JIT, shader compiles
  // A copy of the checkpoint is a new one to the baseline cache: the first run of a session, then a later one.
  const session = { ...assets, base: { ...assets.base } };
  const first = await timedRun(config, backend, session);
  const counter = countReadbacks();
  const perStep: number[] = [];
  let previous: { step: number; reads: number } | null = null;
  const later = await timedRun(config, backend, session, (e) => {
    if (e.type === 'eval') previous = null;
    if (e.type !== 'step') return;
    if (previous && e.step === previous.step + 1) perStep.push(counter.count - previous.reads);
    previous = { step: e.step, reads: counter.count };
  });
  counter.stop();
  perStep.sort((a, b) => a - b);
  const { result, summary, evalMs } = later;
  return {
    first: { wallMs: first.result.wallMs, evalMs: first.evalMs, evalShare: first.evalMs / first.result.wallMs },
    wallMs: result.wallMs,
    trainMs: summary.msPerStep * config.steps,
    evalMs,
    evalShare: evalMs / result.wallMs,
    msPerStep: summary.msPerStep,
    steps: config.steps,
    evals: result.events.filter((e) => e.type === 'eval' || e.type === 'baseline').length,
    readbacksPerStep: perStep[perStep.length >> 1] ?? NaN,
  };
}
