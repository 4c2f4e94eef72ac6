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
import { blockLinears, blockNames, blockSegments, EMB, FINAL_NAMES, loraNames, type LayerNormNames, type LinearNames, type LoraSegmentName, type SegmentName } from './architecture';
import type { ModelDims } from './dims';
import type { Adapters, BlockSaved, GeluSaved, LayerNormSaved, LinearSaved, ModelInput, Saved, Weights } from './gpt';
import { GELU_K, tokenTable } from './gpt';
import { matMulNT, matMulTN } from './matmul';

const GELU_C = Math.sqrt(2 / Math.PI);

/** Which gradients to compute: base segments by name; adapters always get theirs. */
export interface GradientNeeds {
  base: (segment: SegmentName) => boolean;
}

/** Gradients by segment name (base segments, and `<module>.lora_A` / `.lora_B`). */
export type Gradients = Map<SegmentName | LoraSegmentName, tf.Tensor>;

interface Context {
  w: Weights;
  adapters: Adapters | undefined;
  needs: GradientNeeds;
  grads: Gradients;
}

/** dL/dx of y = x W + b (+ s·(x Aᵀ) Bᵀ), recording dW, db and the adapter's dA, dB where needed. */
function linearBackward(ctx: Context, m: LinearNames, dy: tf.Tensor2D, saved: LinearSaved, wantInput: boolean): tf.Tensor2D | null {
  if (ctx.needs.base(m.weight)) ctx.grads.set(m.weight, matMulTN(saved.x, dy));
  if (ctx.needs.base(m.bias)) ctx.grads.set(m.bias, tf.sum(dy, 0));
  let dx = wantInput ? matMulNT(dy, ctx.w[m.weight] as tf.Tensor2D) : null;
  const adapter = ctx.adapters?.get(m.module);
  if (adapter) {
    const lora = loraNames(m.module);
    const dUp = tf.mul(dy, adapter.scale) as tf.Tensor2D;
    // dB = dUpᵀ·(x Aᵀ), dA = (dUp B)ᵀ·x, dx += (dUp B)·A
    ctx.grads.set(lora.B, matMulTN(dUp, saved.down!));
    const dDown = tf.matMul(dUp, adapter.B) as tf.Tensor2D;
    ctx.grads.set(lora.A, matMulTN(dDown, saved.x));
    if (dx) dx = tf.add(dx, tf.matMul(dDown, adapter.A)) as tf.Tensor2D;
  }
  return dx;
}

/** x̂ = (x − μ)·r, y = x̂·g + b:  dx = r·(dx̂ − mean(dx̂) − x̂·mean(dx̂·x̂)) with dx̂ = dy·g. */
function layerNormBackward(ctx: Context, n: LayerNormNames, dy: tf.Tensor2D, saved: LayerNormSaved, wantInput: boolean): tf.Tensor2D | null {
  const { normalized, inverse } = saved;
  if (ctx.needs.base(n.gain)) ctx.grads.set(n.gain, tf.sum(tf.mul(dy, normalized), 0));
  if (ctx.needs.base(n.bias)) ctx.grads.set(n.bias, tf.sum(dy, 0));
  if (!wantInput) return null;
  const dxhat = tf.mul(dy, ctx.w[n.gain]);
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
  const b = blockNames(i);
  const dGelu = linearBackward(ctx, b.down, dOut, saved.down, true)!;
  const dUp = linearBackward(ctx, b.up, geluBackward(dGelu, saved.gelu), saved.up, true)!;
  const dx1 = tf.add(dOut, layerNormBackward(ctx, b.ln2, dUp, saved.ln2, true)!) as tf.Tensor2D;

  const dMerged = linearBackward(ctx, b.o, dx1, saved.o, true)!;
  const dHeads = attentionBackward(unmergeHeads(dMerged, dims, batch, length), saved);
  const ln1Trains = ctx.needs.base(b.ln1.gain) || ctx.needs.base(b.ln1.bias);
  const dLn1 = linearBackward(ctx, b.qkv, joinHeads(dHeads, dims, batch, length), saved.qkv, wantInput || ln1Trains);
  if (!wantInput) {
    if (dLn1) layerNormBackward(ctx, b.ln1, dLn1, saved.ln1, false);
    return null;
  }
  return tf.add(dx1, layerNormBackward(ctx, b.ln1, dLn1!, saved.ln1, true)!) as tf.Tensor2D;
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
  const trainsBelow: boolean[] = [needs.base(EMB)];
  for (let i = 0; i < dims.nLayers; i++) {
    const blockTrains = blockLinears(i).some((m) => adapters?.has(m)) || blockSegments(i).some((s) => needs.base(s));
    trainsBelow.push(trainsBelow[i] || blockTrains);
  }

  let dx: tf.Tensor2D;
  /** A tied head's gradient on wte, padded to the shape of `emb` (its position rows get none from the head). */
  let dEmbFromHead: tf.Tensor2D | null = null;
  const { lnf, head } = FINAL_NAMES;
  if (dims.tiedHead) {
    // logits = x·wteᵀ + b:  dx = dLogits·wte, dwte = dLogitsᵀ·x, db = Σ dLogits
    if (needs.base(head.bias)) ctx.grads.set(head.bias, tf.sum(dLogits, 0));
    dx = tf.matMul(dLogits, tokenTable(w, dims));
    if (needs.base(EMB)) dEmbFromHead = tf.pad(matMulTN(dLogits, saved.head.x), [[0, dims.context], [0, 0]]);
  } else dx = linearBackward(ctx, head, dLogits, saved.head, true)!;
  dx = layerNormBackward(ctx, lnf, dx, saved.lnf, true)!;
  for (let i = dims.nLayers - 1; i >= 0; i--) {
    const next = blockBackward(ctx, dims, i, dx, saved.blocks[i], input.batch, input.length, trainsBelow[i]);
    if (!next) return ctx.grads;
    dx = next;
  }
  if (needs.base(EMB)) {
    const dEmb = matMulTN(input.selector, dx);
    ctx.grads.set(EMB, dEmbFromHead ? tf.add(dEmb, dEmbFromHead) : dEmb);
  }
  return ctx.grads;
}
