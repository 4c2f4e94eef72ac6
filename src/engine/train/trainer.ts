/**
 * One training step: masked cross-entropy (plus an optional penalty), gradients
 * of the trainable variables, global-norm clipping, the optimizer update and
 * an optional projection. Everything made in a step is freed in it.
 */
import * as tf from '../tf';
import type { TokenBatch } from '../data/batch';
import type { Gpt } from '../model/model';
import { maskedCrossEntropy } from './loss';
import { clipByGlobalNorm, Optimizer, type OptimizerSpec } from './optimizer';

export interface TrainerHooks {
  /** Added to the loss before differentiation (L2-SP, EWC). */
  penalty?: () => tf.Scalar;
  /** 0/1 per element: which parts of a variable may change at all (gradient and update). */
  gradientMasks?: ReadonlyMap<string, tf.Tensor>;
  /** Runs after each update (clamp toward the base weights). */
  project?: () => void;
}

export interface TrainerSpec {
  optimizer: OptimizerSpec;
  clipNorm: number;
}

export class Trainer {
  private readonly optimizer: Optimizer;
  private readonly varList: tf.Variable[];
  private readonly names: string[];

  constructor(
    private readonly model: Gpt,
    trainable: ReadonlyMap<string, tf.Variable>,
    private readonly spec: TrainerSpec,
    private readonly hooks: TrainerHooks = {},
  ) {
    this.optimizer = new Optimizer(spec.optimizer, trainable);
    this.names = [...trainable.keys()];
    this.varList = [...trainable.values()];
  }

  /** Runs one step and returns the data loss (without penalty); the caller disposes it. */
  step(batch: TokenBatch, lr: number): tf.Scalar {
    let dataLoss: tf.Scalar | null = null;
    const result = tf.tidy(() => {
      const ids = tf.tensor2d(batch.inputs, [batch.size, batch.length], 'int32');
      const targets = tf.cast(tf.oneHot(tf.tensor1d(batch.targets, 'int32'), this.model.dims.vocabSize), 'float32') as tf.Tensor2D;
      const mask = tf.tensor1d(batch.mask);
      const { grads } = tf.variableGrads(() => {
        const loss = maskedCrossEntropy(this.model.logits(ids), targets, mask);
        dataLoss = tf.keep(loss);
        return this.hooks.penalty ? tf.add(loss, this.hooks.penalty()) : loss;
      }, this.varList);
      const named: tf.NamedTensorMap = {};
      this.varList.forEach((v, i) => {
        const g = grads[v.name];
        if (!g) return;
        const mask = this.hooks.gradientMasks?.get(this.names[i]);
        named[this.names[i]] = mask ? tf.mul(g, mask) : g;
      });
      this.optimizer.apply(clipByGlobalNorm(named, this.spec.clipNorm), lr, this.hooks.gradientMasks);
      this.hooks.project?.();
      return dataLoss!;
    });
    return result;
  }

  dispose(): void {
    this.optimizer.dispose();
  }
}
