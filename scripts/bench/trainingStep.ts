/**
 * The training step alone, on the current backend: ms per step (median after
 * warm-up, full-length batches as the PyTorch reference uses) and the kernels
 * one step runs (tf.profile), for any config.
 */
import type { ExperimentConfig } from '../../src/engine/config/schema';
import type { TokenBatch } from '../../src/engine/data/batch';
import { PAD } from '../../src/engine/data/vocab';
import type { ScenarioAssets } from '../../src/engine/scenarios/scenario';
import { scenarioFor } from '../../src/engine/scenarios/runtimes';
import { prepareTraining } from '../../src/engine/experiment/setup';
import { Gpt } from '../../src/engine/model/model';
import * as tf from '../../src/engine/tf';
import { Trainer } from '../../src/engine/train/trainer';

export interface StepFigures {
  msPerStep: number;
  /** The first step, GPU shader compiles included. */
  firstStepMs: number;
  kernelsPerStep: number;
}

/** A batch's rows padded (unscored) to `length` positions. */
function widen(batch: TokenBatch, length: number): TokenBatch {
  if (batch.length >= length) return batch;
  const grow = <T extends Int32Array | Float32Array>(from: T, make: (n: number) => T, fill: number): T => {
    const out = make(batch.size * length).fill(fill) as T;
    for (let r = 0; r < batch.size; r++) out.set(from.subarray(r * batch.length, (r + 1) * batch.length), r * length);
    return out;
  };
  return {
    size: batch.size,
    length,
    inputs: grow(batch.inputs, (n) => new Int32Array(n), PAD),
    targets: grow(batch.targets, (n) => new Int32Array(n), PAD),
    mask: grow(batch.mask, (n) => new Float32Array(n), 0),
    answerMask: grow(batch.answerMask, (n) => new Float32Array(n), 0),
  };
}

/** The scenario's own batches, padded to the full context as the PyTorch reference's are. */
function benchBatches(config: ExperimentConfig, assets: ScenarioAssets, count: number): TokenBatch[] {
  const data = scenarioFor(config.scenario, assets).open(config, assets);
  const batches = Array.from({ length: count }, () => widen(data.nextBatch(), assets.base.manifest.dims.context));
  data.dispose();
  return batches;
}

export async function timeTrainingStep(config: ExperimentConfig, assets: ScenarioAssets, steps: number): Promise<StepFigures> {
  const { base } = assets;
  const { dims, seenTokens } = base.manifest;
  const model = new Gpt(dims, base.values);
  const theta0 = model.theta.clone();
  const fisher = config.reg.kind === 'ewc' ? tf.ones([model.layout.size]) : undefined;
  const setup = prepareTraining(model, config, theta0, seenTokens, fisher);
  const trainer = new Trainer(model, setup, { optimizer: { kind: config.optimizer, weightDecay: config.weightDecay }, clipNorm: config.clipNorm });
  const batches = benchBatches(config, assets, steps + 3);
  const step = async (i: number) => {
    const started = performance.now();
    const loss = trainer.step(batches[i], config.lr);
    await loss.data();
    loss.dispose();
    return performance.now() - started;
  };
  try {
    const firstStepMs = await step(0);
    await step(1);
    const profile = await tf.profile(() => step(2));
    const times: number[] = [];
    for (let i = 3; i < steps + 3; i++) times.push(await step(i));
    times.sort((a, b) => a - b);
    return { msPerStep: times[times.length >> 1], firstStepMs, kernelsPerStep: profile.kernels.length };
  } finally {
    trainer.dispose();
    setup.dispose();
    model.dispose();
    tf.dispose([theta0, ...(fisher ? [fisher] : [])]);
  }
}
