/** Small models and checkpoints for tests: fast to build, no files needed. */
import { CHECKPOINT_FORMAT, type Checkpoint } from '../checkpoint/format';
import { SUITE_VERSION } from '../data/heldout';
import { TOKENS, VOCAB_SIZE } from '../data/vocab';
import type { ModelDims } from '../model/dims';
import { initialValues } from '../model/params';
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
