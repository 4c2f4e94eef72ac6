/**
 * How fast this backend trains this config: a few real training steps of the
 * config's model, method and batch, each read back before the next, timed
 * after one untimed step (which compiles GPU shaders). The page picks its
 * backend by these figures; the bench reports them.
 */
import type { ExperimentConfig } from '../config/schema';
import { Gpt } from '../model/model';
import * as tf from '../tf';
import { Trainer } from '../train/trainer';
import type { ScenarioAssets } from '../scenarios/scenario';
import { scenarioFor } from '../scenarios/runtimes';
import { prepareTraining } from './setup';

export interface SpeedTrial {
  /** The first step, shader compiles included. */
  firstStepMs: number;
  /** The median of the timed steps. */
  msPerStep: number;
  steps: number;
}

export async function speedTrial(config: ExperimentConfig, assets: ScenarioAssets, steps = 3): Promise<SpeedTrial> {
  const { dims, seenTokens } = assets.base.manifest;
  const model = new Gpt(dims, assets.base.values);
  // EWC's Fisher only weighs the penalty: ones cost the same kernels as the real estimate.
  const fisher = config.reg.kind === 'ewc' ? tf.ones([model.layout.size]) : undefined;
  const setup = prepareTraining(model, config, model.theta, seenTokens, fisher);
  const trainer = new Trainer(model, setup, { optimizer: { kind: config.optimizer, weightDecay: config.weightDecay }, clipNorm: config.clipNorm });
  const data = scenarioFor(config.scenario, assets).open(config, assets);
  try {
    const times: number[] = [];
    for (let i = 0; i <= steps; i++) {
      const batch = data.nextBatch();
      const started = tf.util.now();
      const loss = trainer.step(batch, config.lr);
      await loss.data();
      loss.dispose();
      times.push(tf.util.now() - started);
    }
    const timed = times.slice(1).sort((a, b) => a - b);
    return { firstStepMs: times[0], msPerStep: timed[timed.length >> 1], steps };
  } finally {
    data.dispose();
    trainer.dispose();
    setup.dispose();
    model.dispose();
    fisher?.dispose();
  }
}
