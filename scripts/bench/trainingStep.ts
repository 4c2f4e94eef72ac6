/**
 * The training step alone, on the current backend: ms per step (median after
 * warm-up, full-length batches as the PyTorch reference uses) and the kernels
 * one step runs (tf.profile), for any config.
 */
import type { ExperimentConfig } from '../../src/engine/config/schema';
import { packBatch, type TokenBatch } from '../../src/engine/data/batch';
import { Rng } from '../../src/engine/data/rng';
import { BatchSampler, planBatch } from '../../src/engine/data/sampler';
import { findSkill, GENERAL_SKILLS } from '../../src/engine/scenarios/skills/skills';
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

/** Skills batches packed to the full context, as the PyTorch reference's; text windows always are. */
function benchBatches(config: ExperimentConfig, assets: ScenarioAssets, count: number): TokenBatch[] {
  if (config.scenario === 'text') {
    const data = scenarioFor('text', assets).open(config, assets);
    return Array.from({ length: count }, () => data.nextBatch());
  }
  const sampler = new BatchSampler(findSkill(config.task), GENERAL_SKILLS, new Rng(1));
  return Array.from({ length: count }, () => packBatch(sampler.sample(planBatch(config.batchSize, config.mix)), assets.base.manifest.dims.context, 'answer'));
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
