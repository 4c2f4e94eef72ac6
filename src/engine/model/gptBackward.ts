/**
 * The GPT's backward pass, written out layer by layer (as llm.c does) from
 * what forward() saved, instead of tfjs's tape.
 *
 * Why: tfjs's automatic differentiation records every op, clones every
 * tensor it saves and runs a kernel per op in both directions; on this small
 * model that bookkeeping, not arithmetic, dominated a training step (1,227
 * kernels). Written out, a step is a few hundred kernels, and only the
 * gradients someone will use are computed.
 *
 * gptBackward.test.ts checks every gradient against tfjs's own
 * differentiation of the same forward().
 */
import * as tf from '../tf';
import type { ModelDims } from './dims';
import type { Adapters, BlockSaved, GeluSaved, LayerNormSaved, LinearSaved, ModelInput, Saved, Weights } from './gpt';
import { GELU_K, tokenTable } from './gpt';
import { matMulNT, matMulTN } from './matmul';

const GELU_C = Math.sqrt(2 / Math.PI);

/** Which gradients to compute: base segments by name; adapters always get theirs. */
export interface GradientNeeds {
  base: (segment: string) => boolean;
}

/** Gradients by segment name (base segments, and `<module>.lora_A` / `.lora_B`). */
export type Gradients = Map<string, tf.Tensor>;

interface Context {
  w: Weights;
  adapters: Adapters | undefined;
  needs: GradientNeeds;
  grads: Gradients;
}

/** dL/dx of y = x W + b (+ s·(x Aᵀ) Bᵀ), recording dW, db and the adapter's dA, dB where needed. */
function linearBackward(ctx: Context, module: string, dy: tf.Tensor2D, saved: LinearSaved, wantInput: boolean): tf.Tensor2D | null {
  if (ctx.needs.base(`${module}.weight`)) ctx.grads.set(`${module}.weight`, matMulTN(saved.x, dy));
  if (ctx.needs.base(`${module}.bias`)) ctx.grads.set(`${module}.bias`, tf.sum(dy, 0));
  let dx = wantInput ? matMulNT(dy, ctx.w[`${module}.weight`] as tf.Tensor2D) : null;
  const adapter = ctx.adapters?.get(module);
  if (adapter) {
    const dUp = tf.mul(dy, adapter.scale) as tf.Tensor2D;
    // dB = dUpᵀ·(x Aᵀ), dA = (dUp B)ᵀ·x, dx += (dUp B)·A
    ctx.grads.set(`${module}.lora_B`, matMulTN(dUp, saved.down!));
    const dDown = tf.matMul(dUp, adapter.B) as tf.Tensor2D;
    ctx.grads.set(`${module}.lora_A`, matMulTN(dDown, saved.x));
    if (dx) dx = tf.add(dx, tf.matMul(dDown, adapter.A)) as tf.Tensor2D;
  }
  return dx;
}

/** x̂ = (x − μ)·r, y = x̂·g + b:  dx = r·(dx̂ − mean(dx̂) − x̂·mean(dx̂·x̂)) with dx̂ = dy·g. */
function layerNormBackward(ctx: Context, name: string, dy: tf.Tensor2D, saved: LayerNormSaved, wantInput: boolean): tf.Tensor2D | null {
  const { normalized, inverse } = saved;
  if (ctx.needs.base(`${name}.gain`)) ctx.grads.set(`${name}.gain`, tf.sum(tf.mul(dy, normalized), 0));
  if (ctx.needs.base(`${name}.bias`)) ctx.grads.set(`${name}.bias`, tf.sum(dy, 0));
  if (!wantInput) return null;
  const dxhat = tf.mul(dy, ctx.w[`${name}.gain`]);
  const centered = tf.sub(dxhat, tf.mean(dxhat, -1, true));
  return tf.mul(tf.sub(centered, tf.mul(normalized, tf.mean(tf.mul(dxhat, normalized), -1, true))), inverse) as tf.Tensor2D;
}

/** y = x·σ(z), z = 2c·x·(1 + k·x²):  dy/dx = σ + x·σ·(1 − σ)·2c·(1 + 3k·x²). */
function geluBackward(dy: tf.Tensor2D, saved: GeluSaved): tf.Tensor2D {
  const { x, x2, s } = saved;
  const slope = tf.add(tf.mul(x2, 6 * GELU_C * GELU_K), 2 * GELU_C);
  const local = tf.add(s, tf.mul(tf.mul(tf.mul(x, s), tf.sub(1, s)), slope));
  return tf.mul(dy, local) as tf.Tensor2D;
}

/** Softmax attention, P = softmax(q kᵀ/√d + mask), out = P v, from d(out) to dq, dk, dv. */
function attentionBackward(dOut: tf.Tensor3D, saved: BlockSaved): tf.Tensor3D[] {
  const { q, k, v, probs } = saved;
  const dv = tf.matMul(probs, dOut, true, false);
  const dProbs = tf.matMul(dOut, v, false, true);
  const dScores = tf.mul(tf.mul(probs, tf.sub(dProbs, tf.sum(tf.mul(dProbs, probs), -1, true))), 1 / Math.sqrt(q.shape[2]));
  return [tf.matMul(dScores, k), tf.matMul(dScores, q, true, false), dv] as tf.Tensor3D[];
}

/** The inverse of gpt.ts's splitHeads: dq, dk, dv (B·H, T, d/H) to d(qkv) (B·T, 3d). */
function joinHeads(grads: tf.Tensor3D[], dims: ModelDims, batch: number, length: number): tf.Tensor2D {
  const dHead = dims.dModel / dims.nHeads;
  const heads = tf.concat(grads.map((g) => tf.reshape(g, [batch, dims.nHeads, length, dHead])), 1);
  return tf.reshape(tf.transpose(heads, [0, 2, 1, 3]), [batch * length, 3 * dims.dModel]);
}

/** The inverse of gpt.ts's mergeHeads: (B·T, d) to (B·H, T, d/H). */
function unmergeHeads(dy: tf.Tensor2D, dims: ModelDims, batch: number, length: number): tf.Tensor3D {
  const dHead = dims.dModel / dims.nHeads;
  return tf.reshape(tf.transpose(tf.reshape(dy, [batch, length, dims.nHeads, dHead]), [0, 2, 1, 3]), [batch * dims.nHeads, length, dHead]);
}

/** Back through block i: x1 = x + attn(ln1(x)), out = x1 + mlp(ln2(x1)). */
function blockBackward(ctx: Context, dims: ModelDims, i: number, dOut: tf.Tensor2D, saved: BlockSaved, batch: number, length: number, wantInput: boolean): tf.Tensor2D | null {
  const h = `h${i}`;
  const dGelu = linearBackward(ctx, `${h}.mlp.down`, dOut, saved.down, true)!;
  const dUp = linearBackward(ctx, `${h}.mlp.up`, geluBackward(dGelu, saved.gelu), saved.up, true)!;
  const dx1 = tf.add(dOut, layerNormBackward(ctx, `${h}.ln2`, dUp, saved.ln2, true)!) as tf.Tensor2D;

  const dMerged = linearBackward(ctx, `${h}.attn.o`, dx1, saved.o, true)!;
  const dHeads = attentionBackward(unmergeHeads(dMerged, dims, batch, length), saved);
  const ln1Trains = ctx.needs.base(`${h}.ln1.gain`) || ctx.needs.base(`${h}.ln1.bias`);
  const dLn1 = linearBackward(ctx, `${h}.attn.qkv`, joinHeads(dHeads, dims, batch, length), saved.qkv, wantInput || ln1Trains);
  if (!wantInput) {
    if (dLn1) layerNormBackward(ctx, `${h}.ln1`, dLn1, saved.ln1, false);
    return null;
  }
  return tf.add(dx1, layerNormBackward(ctx, `${h}.ln1`, dLn1!, saved.ln1, true)!) as tf.Tensor2D;
}

/**
 * Gradients of the loss with respect to what `needs` asks for, given
 * dL/dlogits and the forward pass's saved tensors. Call inside tf.tidy.
 */
export function backward(
  w: Weights,
  adapters: Adapters | undefined,
  dims: ModelDims,
  saved: Saved,
  dLogits: tf.Tensor2D,
  input: ModelInput,
  needs: GradientNeeds,
): Gradients {
  const ctx: Context = { w, adapters, needs, grads: new Map() };
  // Block i needs the gradient of its input only if something below it trains.
  const trainsBelow: boolean[] = [needs.base('emb')];
  for (let i = 0; i < dims.nLayers; i++) {
    const h = `h${i}.`;
    const blockTrains = [...(adapters?.keys() ?? [])].some((m) => m.startsWith(h)) || BLOCK_SEGMENTS.some((s) => needs.base(h + s));
    trainsBelow.push(trainsBelow[i] || blockTrains);
  }

  let dx: tf.Tensor2D;
  /** A tied head's gradient on wte, padded to the shape of `emb` (its position rows get none from the head). */
  let dEmbFromHead: tf.Tensor2D | null = null;
  if (dims.tiedHead) {
    // logits = x·wteᵀ + b:  dx = dLogits·wte, dwte = dLogitsᵀ·x, db = Σ dLogits
    if (needs.base('head.bias')) ctx.grads.set('head.bias', tf.sum(dLogits, 0));
    dx = tf.matMul(dLogits, tokenTable(w, dims));
    if (needs.base('emb')) dEmbFromHead = tf.pad(matMulTN(dLogits, saved.head.x), [[0, dims.context], [0, 0]]);
  } else dx = linearBackward(ctx, 'head', dLogits, saved.head, true)!;
  dx = layerNormBackward(ctx, 'lnf', dx, saved.lnf, true)!;
  for (let i = dims.nLayers - 1; i >= 0; i--) {
    const next = blockBackward(ctx, dims, i, dx, saved.blocks[i], input.batch, input.length, trainsBelow[i]);
    if (!next) return ctx.grads;
    dx = next;
  }
  if (needs.base('emb')) {
    const dEmb = matMulTN(input.selector, dx);
    ctx.grads.set('emb', dEmbFromHead ? tf.add(dEmb, dEmbFromHead) : dEmb);
  }
  return ctx.grads;
}

const BLOCK_SEGMENTS = [
  'ln1.gain',
  'ln1.bias',
  'attn.qkv.weight',
  'attn.qkv.bias',
  'attn.o.weight',
  'attn.o.bias',
  'ln2.gain',
  'ln2.bias',
  'mlp.up.weight',
  'mlp.up.bias',
  'mlp.down.weight',
  'mlp.down.bias',
];
