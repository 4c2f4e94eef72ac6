/**
 * Decoding one position at a time with each layer's keys and values kept
 * (a KV cache), for sampling text: each new character costs one position's
 * work instead of a forward pass over everything before it.
 *
 * Why: sampling 96 characters by full forward passes re-reads a growing
 * prefix every time (about 25 ms a step for 8 rows on wasm here); with the
 * cache a step is one row of each product, a few milliseconds of kernels.
 * kvDecoder.test.ts holds its logits to forward()'s at every position.
 *
 * Every row reads the same position at each step (the caller aligns rows),
 * so the cache is one tensor per layer and the causal mask is implicit: a
 * step attends to the positions cached so far and itself.
 */
import * as tf from '../tf';
import { blockNames, EMB, FINAL_NAMES } from './architecture';
import { layerNorm, linear, mlp, outputHead } from './gpt';
import { positionSelector } from './input';
import type { Gpt } from './model';

export class KvDecoder {
  private keys: tf.Tensor3D[] = [];
  private values: tf.Tensor3D[] = [];
  /** The position the next step reads. */
  position = 0;

  constructor(
    private readonly model: Gpt,
    readonly rows: number,
  ) {}

  /** Reads one token per row at the next position; returns the logits (rows, vocab) for the position after it. The caller disposes them. */
  step(tokens: Int32Array): tf.Tensor2D {
    const { dims } = this.model;
    if (tokens.length !== this.rows) throw new Error(`expected ${this.rows} tokens, got ${tokens.length}`);
    if (this.position >= dims.context) throw new Error(`the model reads at most ${dims.context} positions`);
    const dHead = dims.dModel / dims.nHeads;
    const { rows, position } = this;
    const next = tf.tidy(() => {
      const w = this.model.weights();
      const adapters = this.model.adapters();
      // The rows of `emb` that embed each token at this position, as the full forward pass embeds (input.ts).
      let x = tf.matMul(positionSelector(tokens, position, dims), w[EMB] as tf.Tensor2D) as tf.Tensor2D;
      const keys: tf.Tensor3D[] = [];
      const values: tf.Tensor3D[] = [];
      for (let i = 0; i < dims.nLayers; i++) {
        const b = blockNames(i);
        const qkv = linear(w, adapters, b.qkv, layerNorm(x, w[b.ln1.gain], w[b.ln1.bias]));
        // (rows, 3d) → q, k, v as (rows·H, 1, d/H), the layout splitHeads gives one position.
        const [q, k, v] = tf.split(tf.reshape(qkv, [rows, 3 * dims.nHeads, dHead]), 3, 1).map((part) => tf.reshape(part, [rows * dims.nHeads, 1, dHead]) as tf.Tensor3D);
        const allKeys = position === 0 ? k : (tf.concat([this.keys[i], k], 1) as tf.Tensor3D);
        const allValues = position === 0 ? v : (tf.concat([this.values[i], v], 1) as tf.Tensor3D);
        keys.push(allKeys);
        values.push(allValues);
        const probs = tf.softmax(tf.mul(tf.matMul(q, allKeys, false, true), 1 / Math.sqrt(dHead)));
        const attended = tf.reshape(tf.matMul(probs, allValues), [rows, dims.dModel]) as tf.Tensor2D;
        x = tf.add(x, linear(w, adapters, b.o, attended)) as tf.Tensor2D;
        x = tf.add(x, mlp(w, adapters, b, layerNorm(x, w[b.ln2.gain], w[b.ln2.bias]))) as tf.Tensor2D;
      }
      const { lnf } = FINAL_NAMES;
      const logits = outputHead(w, adapters, dims, layerNorm(x, w[lnf.gain], w[lnf.bias]));
      return { logits, keys, values };
    });
    tf.dispose([...this.keys, ...this.values]);
    // Kept, so a caller's tf.tidy around a step does not free the cache.
    this.keys = next.keys.map((k) => tf.keep(k));
    this.values = next.values.map((v) => tf.keep(v));
    this.position += 1;
    return next.logits;
  }

  dispose(): void {
    tf.dispose([...this.keys, ...this.values]);
    this.keys = [];
    this.values = [];
  }
}
