/**
 * One training step: the forward pass, the loss and its gradients written
 * out (gptBackward.ts), the penalty's gradient, global-norm clipping and one
 * flat optimizer update (fusedOptimizer.ts), then an optional projection.
 * Everything made in a step is freed in it, and nothing is read back: the
 * caller reads the returned loss when it chooses to.
 */
import type { TokenBatch } from '../data/batch';
import type { TrainingSetup } from '../experiment/setup';
import { emptySaved } from '../model/gpt';
import { backward } from '../model/gptBackward';
import type { Gpt } from '../model/model';
import { joinPack } from '../model/pack';
import * as tf from '../tf';
import { trainingTensors, type TrainingTensors } from './batchTensors';
import { FusedOptimizer } from './fusedOptimizer';
import { crossEntropyWithGradient } from './loss';
import type { OptimizerSpec } from './optimizer';

export interface TrainerSpec {
  optimizer: OptimizerSpec;
  clipNorm: number;
}

export interface StepGradients {
  /** The data loss, without the penalty. */
  loss: tf.Scalar;
  /** One flat gradient per trained pack, penalty included, before masks and clipping. */
  grads: tf.Tensor[];
}

/** The loss and its gradients for a batch, written out; call inside tf.tidy. */
export function writtenOutGradients(model: Gpt, setup: TrainingSetup, t: TrainingTensors): StepGradients {
  const weights = model.weights();
  const adapters = model.adapters();
  const saved = emptySaved(model.dims);
  const logits = model.logits(t.input, saved, weights, adapters);
  const { loss, dLogits } = crossEntropyWithGradient(logits, t.targetWeights, t.rowWeights);
  const byName = backward(weights, adapters, model.dims, saved, dLogits, t.input, setup.needs);
  let grads = setup.packs.map((p) => joinPack(p.layout, byName));
  if (setup.penalty) {
    const { grads: extra } = tf.variableGrads(setup.penalty, setup.packs.map((p) => p.variable));
    grads = grads.map((g, i) => tf.add(g, extra[setup.packs[i].variable.name]));
  }
  return { loss, grads };
}

export class Trainer {
  private readonly optimizer: FusedOptimizer;

  constructor(
    private readonly model: Gpt,
    private readonly setup: TrainingSetup,
    private readonly spec: TrainerSpec,
  ) {
    this.optimizer = new FusedOptimizer(spec.optimizer, setup.packs);
  }

  /** Runs one step and returns the data loss (without penalty); the caller disposes it. */
  step(batch: TokenBatch, lr: number): tf.Scalar {
    return tf.tidy(() => {
      const { loss, grads } = writtenOutGradients(this.model, this.setup, trainingTensors(batch, this.model.dims));
      this.optimizer.apply(grads, lr, this.spec.clipNorm);
      this.setup.project?.();
      return loss;
    });
  }

  /** A fresh optimizer state (moments and step count zero). */
  resetOptimizer(): void {
    this.optimizer.reset();
  }

  dispose(): void {
    this.optimizer.dispose();
  }
}
