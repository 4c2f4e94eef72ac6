/**
 * A decoder-only GPT, read top to bottom like nanoGPT's model.py: token and
 * position embeddings, pre-LayerNorm blocks of causal multi-head
 * self-attention and a GELU MLP, a final LayerNorm and the output head.
 *
 * The weights are views of the packed parameters (layout.ts), reached by the
 * names of the architecture's table (architecture.ts). Every linear layer of
 * a block may carry a LoRA adapter: h = x W + b + s · (x Aᵀ) Bᵀ.
 *
 * Given a `saved` record, the forward pass keeps what the written-out
 * backward pass needs (gptBackward.ts); without one it is an ordinary tfjs
 * function, which tfjs can also differentiate (the reference the fast path is
 * tested against).
 */
import * as tf from '../tf';
import { blockNames, EMB, FINAL_NAMES, type BlockNames, type LinearModule, type LinearNames, type SegmentName } from './architecture';
import type { ModelDims } from './dims';
import { matMulNT } from './matmul';

/** The forward pass's tensors by segment name (views of the flat parameters). */
export type Weights = Readonly<Record<SegmentName, tf.Tensor>>;

/** A low-rank adapter on one linear module: A is r×in (Kaiming-uniform), B is out×r (zeros at first). */
export interface Adapter {
  A: tf.Tensor2D;
  B: tf.Tensor2D;
  scale: number;
}

/** Adapters by module ('h0.attn.qkv', 'h1.mlp.up', ...). */
export type Adapters = ReadonlyMap<LinearModule, Adapter>;

/** A batch of token sequences as the model reads them. */
export interface ModelInput {
  batch: number;
  length: number;
  /** (B·T, vocab + context), two ones per row: the rows of `emb` that embed each position (input.ts). */
  selector: tf.Tensor2D;
}

export interface LinearSaved {
  x: tf.Tensor2D;
  /** x Aᵀ, when the module has an adapter. */
  down?: tf.Tensor2D;
}
export interface LayerNormSaved {
  normalized: tf.Tensor2D;
  inverse: tf.Tensor2D;
}
export interface GeluSaved {
  x: tf.Tensor2D;
  x2: tf.Tensor2D;
  s: tf.Tensor2D;
}
export interface BlockSaved {
  ln1: LayerNormSaved;
  qkv: LinearSaved;
  q: tf.Tensor3D;
  k: tf.Tensor3D;
  v: tf.Tensor3D;
  probs: tf.Tensor3D;
  o: LinearSaved;
  ln2: LayerNormSaved;
  up: LinearSaved;
  gelu: GeluSaved;
  down: LinearSaved;
}
/** What one forward pass keeps for the written-out backward pass. */
export interface Saved {
  blocks: BlockSaved[];
  lnf: LayerNormSaved;
  head: LinearSaved;
}

const LN_EPS = 1e-5;
const GELU_C = Math.sqrt(2 / Math.PI);
export const GELU_K = 0.044715;

/** LayerNorm over the last axis: (x − μ) / √(σ² + ε) · gain + bias. */
export function layerNorm(x: tf.Tensor2D, gain: tf.Tensor, bias: tf.Tensor, saved?: LayerNormSaved): tf.Tensor2D {
  const centered = tf.sub(x, tf.mean(x, -1, true));
  const inverse = tf.rsqrt(tf.add(tf.mean(tf.square(centered), -1, true), LN_EPS)) as tf.Tensor2D;
  const normalized = tf.mul(centered, inverse) as tf.Tensor2D;
  if (saved) Object.assign(saved, { normalized, inverse });
  return tf.add(tf.mul(normalized, gain), bias) as tf.Tensor2D;
}

/**
 * GPT-2's GELU, 0.5·x·(1 + tanh(u)) with u = √(2/π)·(x + 0.044715·x³), written as
 * the identical x·σ(2u): wasm's sigmoid is about 10× faster than its tanh.
 */
export function gelu(x: tf.Tensor2D, saved?: GeluSaved): tf.Tensor2D {
  const x2 = tf.square(x) as tf.Tensor2D;
  const s = tf.sigmoid(tf.mul(x, tf.add(tf.mul(x2, 2 * GELU_C * GELU_K), 2 * GELU_C))) as tf.Tensor2D;
  if (saved) Object.assign(saved, { x, x2, s });
  return tf.mul(x, s) as tf.Tensor2D;
}

/** x W + b, plus the adapter's s · (x Aᵀ) Bᵀ. */
export function linear(w: Weights, adapters: Adapters | undefined, m: LinearNames, x: tf.Tensor2D, saved?: LinearSaved): tf.Tensor2D {
  const y = tf.add(tf.matMul(x, w[m.weight] as tf.Tensor2D), w[m.bias]) as tf.Tensor2D;
  if (saved) saved.x = x;
  const adapter = adapters?.get(m.module);
  if (!adapter) return y;
  const down = matMulNT(x, adapter.A);
  if (saved) saved.down = down;
  return tf.add(y, tf.mul(matMulNT(down, adapter.B), adapter.scale)) as tf.Tensor2D;
}

/** Each position's token row plus its position row of `emb`: (B·T, d). */
function embed(w: Weights, input: ModelInput): tf.Tensor2D {
  return tf.matMul(input.selector, w[EMB] as tf.Tensor2D);
}

/** q, k, v as (B·H, T, d/H) each, from the fused projection (B·T, 3d). (Rank-4 transposes: wasm's rank-5 one is 50× slower.) */
function splitHeads(qkv: tf.Tensor2D, dims: ModelDims, batch: number, length: number): tf.Tensor3D[] {
  const dHead = dims.dModel / dims.nHeads;
  const heads = tf.transpose(tf.reshape(qkv, [batch, length, 3 * dims.nHeads, dHead]), [0, 2, 1, 3]);
  return tf.split(heads, 3, 1).map((part) => tf.reshape(part, [batch * dims.nHeads, length, dHead]));
}

/** (B·H, T, d/H) back to (B·T, d). */
function mergeHeads(x: tf.Tensor3D, dims: ModelDims, batch: number, length: number): tf.Tensor2D {
  const dHead = dims.dModel / dims.nHeads;
  return tf.reshape(tf.transpose(tf.reshape(x, [batch, dims.nHeads, length, dHead]), [0, 2, 1, 3]), [batch * length, dims.dModel]);
}

function causalSelfAttention(
  w: Weights,
  adapters: Adapters | undefined,
  dims: ModelDims,
  b: BlockNames,
  x: tf.Tensor2D,
  input: ModelInput,
  mask: tf.Tensor2D,
  saved?: BlockSaved,
): tf.Tensor2D {
  const qkv = linear(w, adapters, b.qkv, x, saved?.qkv);
  const [q, k, v] = splitHeads(qkv, dims, input.batch, input.length);
  const scores = tf.add(tf.mul(tf.matMul(q, k, false, true), 1 / Math.sqrt(q.shape[2])), mask);
  const probs = tf.softmax(scores) as tf.Tensor3D;
  if (saved) Object.assign(saved, { q, k, v, probs });
  const attended = tf.matMul(probs, v) as tf.Tensor3D;
  return linear(w, adapters, b.o, mergeHeads(attended, dims, input.batch, input.length), saved?.o);
}

export function mlp(w: Weights, adapters: Adapters | undefined, b: BlockNames, x: tf.Tensor2D, saved?: BlockSaved): tf.Tensor2D {
  const up = linear(w, adapters, b.up, x, saved?.up);
  return linear(w, adapters, b.down, gelu(up, saved?.gelu), saved?.down);
}

function block(
  w: Weights,
  adapters: Adapters | undefined,
  dims: ModelDims,
  i: number,
  x: tf.Tensor2D,
  input: ModelInput,
  mask: tf.Tensor2D,
  saved?: BlockSaved,
): tf.Tensor2D {
  const b = blockNames(i);
  const attended = causalSelfAttention(w, adapters, dims, b, layerNorm(x, w[b.ln1.gain], w[b.ln1.bias], saved?.ln1), input, mask, saved);
  x = tf.add(x, attended);
  return tf.add(x, mlp(w, adapters, b, layerNorm(x, w[b.ln2.gain], w[b.ln2.bias], saved?.ln2), saved));
}

/** An empty record for forward() to fill. */
export function emptySaved(dims: ModelDims): Saved {
  const linearSaved = () => ({}) as LinearSaved;
  return {
    blocks: Array.from(
      { length: dims.nLayers },
      () => ({ ln1: {}, qkv: linearSaved(), o: linearSaved(), ln2: {}, up: linearSaved(), gelu: {}, down: linearSaved() }) as BlockSaved,
    ),
    lnf: {} as LayerNormSaved,
    head: linearSaved(),
  };
}

/**
 * Logits (B·T, vocab) for every position. `causalMask` is (context, context):
 * 0 on and below the diagonal, -1e9 above. A tied head (dims.tiedHead) is
 * x·wteᵀ + b, never adapted.
 */
export function forward(
  w: Weights,
  adapters: Adapters | undefined,
  dims: ModelDims,
  input: ModelInput,
  causalMask: tf.Tensor2D,
  saved?: Saved,
): tf.Tensor2D {
  const mask = tf.slice(causalMask, [0, 0], [input.length, input.length]);
  let x = embed(w, input);
  for (let i = 0; i < dims.nLayers; i++) x = block(w, adapters, dims, i, x, input, mask, saved?.blocks[i]);
  const { lnf } = FINAL_NAMES;
  return outputHead(w, adapters, dims, layerNorm(x, w[lnf.gain], w[lnf.bias], saved?.lnf), saved?.head);
}

/** Logits from the final hidden states: the head's own weights, or wte's with a tied head. */
export function outputHead(w: Weights, adapters: Adapters | undefined, dims: ModelDims, x: tf.Tensor2D, saved?: LinearSaved): tf.Tensor2D {
  const { head } = FINAL_NAMES;
  if (!dims.tiedHead) return linear(w, adapters, head, x, saved);
  if (saved) saved.x = x;
  return tf.add(matMulNT(x, tokenTable(w, dims)), w[head.bias]) as tf.Tensor2D;
}

/** The token embedding table wte (vocab, d): the first rows of `emb`, which a tied head reads as its weights. */
export function tokenTable(w: Weights, dims: ModelDims): tf.Tensor2D {
  return tf.slice(w[EMB] as tf.Tensor2D, [0, 0], [dims.vocabSize, dims.dModel]);
}

export function makeCausalMask(context: number): tf.Tensor2D {
  const values = new Float32Array(context * context);
  for (let i = 0; i < context; i++) for (let j = i + 1; j < context; j++) values[i * context + j] = -1e9;
  return tf.tensor2d(values, [context, context]);
}
