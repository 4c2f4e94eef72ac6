/**
 * The reference for the written-out gradients: the same forward pass and
 * loss, differentiated by tfjs. Tests hold trainer.ts's writtenOutGradients
 * to it.
 */
import type { TokenBatch } from '../data/batch';
import type { TrainingSetup } from '../experiment/setup';
import type { Gpt } from '../model/model';
import { modelInput } from '../model/input';
import * as tf from '../tf';
import { maskedCrossEntropy } from './loss';
import type { StepGradients } from './trainer';

/** Call inside tf.tidy. */
export function autodiffGradients(model: Gpt, setup: TrainingSetup, batch: TokenBatch): StepGradients {
  const input = modelInput(batch.inputs, batch.size, batch.length, model.dims);
  const targets = tf.cast(tf.oneHot(tf.tensor1d(batch.targets, 'int32'), model.dims.vocabSize), 'float32') as tf.Tensor2D;
  const mask = tf.tensor1d(batch.mask);
  let dataLoss: tf.Scalar | null = null;
  const vars = setup.packs.map((p) => p.variable);
  const { grads } = tf.variableGrads(() => {
    const loss = maskedCrossEntropy(model.logits(input), targets, mask);
    dataLoss = tf.keep(loss);
    return setup.penalty ? tf.add(loss, setup.penalty()) : loss;
  }, vars);
  return { loss: dataLoss!, grads: vars.map((v) => grads[v.name]) };
}
