/** Token ids as the model reads them (gpt.ts ModelInput). */
import * as tf from '../tf';
import type { ModelDims } from './dims';
import type { ModelInput } from './gpt';

/**
 * For ids (B·T, row-major), a 0/1 matrix (B·T, vocab + context) with two ones
 * per row: the position's token and `vocab + t` for its position t, the two
 * rows of `emb` that sum to its embedding. A matrix product with it embeds a
 * batch in one kernel (wasm's gather took 8× longer) and its transpose gives
 * the embedding's gradient.
 */
function embeddingSelector(ids: Int32Array, length: number, dims: Pick<ModelDims, 'vocabSize' | 'context'>): Float32Array {
  const width = dims.vocabSize + dims.context;
  const selector = new Float32Array(ids.length * width);
  for (let n = 0; n < ids.length; n++) {
    selector[n * width + ids[n]] = 1;
    selector[n * width + dims.vocabSize + (n % length)] = 1;
  }
  return selector;
}

/** The model input for a batch of ids; the caller owns the tensor (or builds it inside tf.tidy). */
export function modelInput(ids: Int32Array, batch: number, length: number, dims: Pick<ModelDims, 'vocabSize' | 'context'>): ModelInput {
  const selector = embeddingSelector(ids, length, dims);
  return { batch, length, selector: tf.tensor2d(selector, [batch * length, dims.vocabSize + dims.context]) };
}

/** The selector of one position in every row: (rows, vocab + context), each row's token and `vocab + position` (kvDecoder.ts). */
export function positionSelector(tokens: Int32Array, position: number, dims: Pick<ModelDims, 'vocabSize' | 'context'>): tf.Tensor2D {
  const width = dims.vocabSize + dims.context;
  const selector = new Float32Array(tokens.length * width);
  tokens.forEach((token, r) => {
    selector[r * width + token] = 1;
    selector[r * width + dims.vocabSize + position] = 1;
  });
  return tf.tensor2d(selector, [tokens.length, width]);
}
