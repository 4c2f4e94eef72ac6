/** Small models and checkpoints for tests: fast to build, no files needed. */
import { CHECKPOINT_FORMAT, type Checkpoint } from '../checkpoint/format';
import { SUITE_VERSION } from '../data/heldout';
import { TOKENS, VOCAB_SIZE } from '../data/vocab';
import type { ParamName } from '../model/architecture';
import type { ModelDims } from '../model/dims';
import { packValues, unpackValues } from '../model/layout';
import type { Gpt } from '../model/model';
import { initialValues } from '../model/params';
import * as tf from '../tf';
import { pretrainTokens } from '../experiment/pretrain';

export const TINY_DIMS: ModelDims = { vocabSize: VOCAB_SIZE, context: 20, dModel: 16, nLayers: 2, nHeads: 2, dFF: 32 };

/** A randomly initialised "base model" with a valid manifest. */
export function randomCheckpoint(dims: ModelDims = TINY_DIMS, seed = 1): Checkpoint {
  return {
    manifest: {
      format: CHECKPOINT_FORMAT,
      dims,
      vocabulary: [...TOKENS],
      suiteVersion: SUITE_VERSION,
      weightsFile: 'weights.bin',
      weightSpecs: [],
      training: { note: 'random initialisation for tests' },
      accuracy: {},
      seenTokens: pretrainTokens(),
    },
    values: initialValues(dims, seed),
  };
}

/** A model's current parameters by checkpoint name, read synchronously (tests only). */
export function paramValues(model: Gpt): Record<string, Float32Array> {
  return unpackValues(model.layout, model.placements, model.theta.dataSync() as Float32Array);
}

/** Adds `shift` (by element of the named parameter) to the model's weights. */
export function shiftParam(model: Gpt, name: ParamName, shift: (i: number) => number): Float32Array {
  const values = paramValues(model);
  const moved = values[name].map((v, i) => v + shift(i));
  const applied = Float32Array.from(moved, (v, i) => v - values[name][i]);
  values[name] = moved;
  tf.tidy(() => model.theta.assign(tf.tensor1d(packValues(model.layout, model.placements, values))));
  return applied;
}
