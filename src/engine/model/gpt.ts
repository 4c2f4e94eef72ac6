/**
 * A decoder-only GPT, read top to bottom like nanoGPT's model.py:
 * token + position embeddings, pre-LayerNorm blocks of causal multi-head
 * self-attention and a GELU MLP, a final LayerNorm and the output head.
 *
 * Every linear layer goes through `linear`, which adds a LoRA delta
 * `s · (x Aᵀ) Bᵀ` when an adapter is attached to that module.
 */
import * as tf from '../tf';
import type { ModelDims } from './dims';
import { matMul2d } from './matmul';

/** Looks up the tensor for a parameter name (base weight or merged weight). */
export type WeightLookup = (name: string) => tf.Tensor;

/** A low-rank adapter on one linear module: `h = x W + b + scale · (x Aᵀ) Bᵀ`. */
export interface LoraAdapter {
  /** r × in */
  A: tf.Tensor;
  /** out × r */
  B: tf.Tensor;
  scale: number;
}

export interface ForwardContext {
  dims: ModelDims;
  weight: WeightLookup;
  adapters?: ReadonlyMap<string, LoraAdapter>;
  /** Additive causal mask, context × context: 0 on and below the diagonal, -1e9 above. */
  causalMask: tf.Tensor2D;
}

const LN_EPS = 1e-5;
const GELU_C = Math.sqrt(2 / Math.PI);

/**
 * LayerNorm over the last axis with its gradient written out, which takes
 * far fewer kernels than differentiating tf.moments step by step:
 *   x̂ = (x − μ)·r, r = 1/√(σ² + ε), y = x̂·g + b
 *   dx = r·(dx̂ − mean(dx̂) − x̂·mean(dx̂·x̂)), dx̂ = dy·g, dg = Σ dy·x̂, db = Σ dy
 * (a test checks it against finite differences).
 */
export const layerNorm = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
  const [x, gain, bias, save] = args as [tf.Tensor2D, tf.Tensor1D, tf.Tensor1D, tf.GradSaveFunc];
  const { mean, variance } = tf.moments(x, -1, true);
  const inverse = tf.rsqrt(tf.add(variance, LN_EPS));
  const normalized = tf.mul(tf.sub(x, mean), inverse);
  save([normalized, inverse, gain]);
  return {
    value: tf.add(tf.mul(normalized, gain), bias),
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [xhat, r, g] = saved;
      const dxhat = tf.mul(dy, g);
      const centered = tf.sub(dxhat, tf.mean(dxhat, -1, true));
      const dx = tf.mul(tf.sub(centered, tf.mul(xhat, tf.mean(tf.mul(dxhat, xhat), -1, true))), r);
      return [dx, tf.sum(tf.mul(dy, xhat), 0), tf.sum(dy, 0)];
    },
  };
}) as (x: tf.Tensor2D, gain: tf.Tensor, bias: tf.Tensor) => tf.Tensor2D;

/**
 * GPT-2's tanh approximation of GELU, 0.5·x·(1 + tanh(u)) with
 * u = √(2/π)·(x + 0.044715·x³), written as the identical x·σ(2u) (wasm's sigmoid
 * is about 10× faster than its tanh), with its gradient written out:
 *   dy/dx = σ(2u) + x·σ(2u)·(1 − σ(2u))·2·√(2/π)·(1 + 3·0.044715·x²)
 */
export const gelu = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
  const [x, save] = args as [tf.Tensor2D, tf.GradSaveFunc];
  const x2 = tf.square(x);
  const s = tf.sigmoid(tf.mul(tf.mul(x, tf.add(tf.mul(x2, 0.044715), 1)), 2 * GELU_C));
  save([x, x2, s]);
  return {
    value: tf.mul(x, s),
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [sx, sx2, ss] = saved;
      const slope = tf.mul(tf.add(tf.mul(sx2, 3 * 0.044715), 1), 2 * GELU_C);
      const local = tf.add(ss, tf.mul(tf.mul(tf.mul(sx, ss), tf.sub(1, ss)), slope));
      return [tf.mul(dy, local)];
    },
  };
}) as (x: tf.Tensor2D) => tf.Tensor2D;

function linear(ctx: ForwardContext, module: string, x: tf.Tensor2D): tf.Tensor2D {
  const y = tf.add(matMul2d(x, ctx.weight(`${module}.weight`) as tf.Tensor2D), ctx.weight(`${module}.bias`)) as tf.Tensor2D;
  const adapter = ctx.adapters?.get(module);
  if (!adapter) return y;
  const down = matMul2d(x, tf.transpose(adapter.A as tf.Tensor2D));
  return tf.add(y, tf.mul(matMul2d(down, tf.transpose(adapter.B as tf.Tensor2D)), adapter.scale));
}

/** Token embedding as one-hot × table: the wasm backend has no gradient for gather. */
function embed(ctx: ForwardContext, ids: tf.Tensor2D): tf.Tensor2D {
  const [batch, length] = ids.shape;
  const d = ctx.dims.dModel;
  const oneHot = tf.cast(tf.oneHot(tf.reshape(ids, [batch * length]), ctx.dims.vocabSize), 'float32') as tf.Tensor2D;
  const tokens = tf.reshape(matMul2d(oneHot, ctx.weight('wte.weight') as tf.Tensor2D), [batch, length, d]);
  const positions = tf.slice(ctx.weight('wpe.weight'), [0, 0], [length, d]);
  return tf.reshape(tf.add(tokens, positions), [batch * length, d]);
}

/** Splits (B·T, D) into heads: (B·H, T, D/H). */
function splitHeads(x: tf.Tensor2D, batch: number, length: number, heads: number): tf.Tensor3D {
  const dHead = x.shape[1] / heads;
  return tf.reshape(tf.transpose(tf.reshape(x, [batch, length, heads, dHead]), [0, 2, 1, 3]), [batch * heads, length, dHead]);
}

function mergeHeads(x: tf.Tensor3D, batch: number, length: number, heads: number): tf.Tensor2D {
  const dHead = x.shape[2];
  return tf.reshape(tf.transpose(tf.reshape(x, [batch, heads, length, dHead]), [0, 2, 1, 3]), [batch * length, heads * dHead]);
}

export function causalSelfAttention(ctx: ForwardContext, h: string, x: tf.Tensor2D, batch: number, length: number): tf.Tensor2D {
  const heads = ctx.dims.nHeads;
  const q = splitHeads(linear(ctx, `${h}.attn.q`, x), batch, length, heads);
  const k = splitHeads(linear(ctx, `${h}.attn.k`, x), batch, length, heads);
  const v = splitHeads(linear(ctx, `${h}.attn.v`, x), batch, length, heads);
  const mask = tf.slice(ctx.causalMask, [0, 0], [length, length]);
  const scores = tf.add(tf.mul(tf.matMul(q, k, false, true), 1 / Math.sqrt(q.shape[2])), mask);
  const attended = tf.matMul(tf.softmax(scores), v) as tf.Tensor3D;
  return linear(ctx, `${h}.attn.o`, mergeHeads(attended, batch, length, heads));
}

function mlp(ctx: ForwardContext, h: string, x: tf.Tensor2D): tf.Tensor2D {
  return linear(ctx, `${h}.mlp.down`, gelu(linear(ctx, `${h}.mlp.up`, x)));
}

function block(ctx: ForwardContext, i: number, x: tf.Tensor2D, batch: number, length: number): tf.Tensor2D {
  const h = `h${i}`;
  const w = ctx.weight;
  x = tf.add(x, causalSelfAttention(ctx, h, layerNorm(x, w(`${h}.ln1.gain`), w(`${h}.ln1.bias`)), batch, length));
  return tf.add(x, mlp(ctx, h, layerNorm(x, w(`${h}.ln2.gain`), w(`${h}.ln2.bias`))));
}

/** Logits for every position: ids (B, T) int32 -> (B·T, vocab). */
export function forward(ctx: ForwardContext, ids: tf.Tensor2D): tf.Tensor2D {
  const [batch, length] = ids.shape;
  let x = embed(ctx, ids);
  for (let i = 0; i < ctx.dims.nLayers; i++) x = block(ctx, i, x, batch, length);
  x = layerNorm(x, ctx.weight('lnf.gain'), ctx.weight('lnf.bias'));
  return linear(ctx, 'head', x);
}

export function makeCausalMask(context: number): tf.Tensor2D {
  const values = new Float32Array(context * context);
  for (let i = 0; i < context; i++) for (let j = i + 1; j < context; j++) values[i * context + j] = -1e9;
  return tf.tensor2d(values, [context, context]);
}
