/**
 * Merging adapters into the weights: W = W0 + Σ_k w_k · s_k · (B_k A_k)ᵀ on
 * each adapted module (and the new-token rows added), as PEFT's
 * merge_and_unload. The result is a checkpoint's values, so a run can start
 * from it like from the shipped base model.
 */
import type { ModelDims } from '../model/dims';
import { baseLayout, basePlacements, packValues, unpackValues } from '../model/layout';
import type { LoraPack } from '../model/lora';
import { splitPack } from '../model/pack';
import * as tf from '../tf';
import type { Plug } from './adapterRecord';
import { adapterPack, withTokenRows } from './adapterPack';

export async function mergeAdapters(dims: ModelDims, baseValues: Readonly<Record<string, Float32Array>>, plugs: readonly Plug[]): Promise<Record<string, Float32Array>> {
  for (const p of plugs) if (!Number.isFinite(p.weight)) throw new Error(`an adapter's weight must be a finite number, not ${p.weight}`);
  const layout = baseLayout(dims);
  const placements = basePlacements(dims);
  const packs: LoraPack[] = [];
  try {
    for (const p of plugs) packs.push(adapterPack(dims, p.adapter));
    const merged = tf.tidy(() => {
      const segments = splitPack(tf.tensor1d(packValues(layout, placements, withTokenRows(dims, baseValues, plugs))), layout);
      packs.forEach((pack, k) => {
        for (const [name, delta] of pack.deltas()) segments[name] = tf.add(segments[name], tf.mul(delta, plugs[k].weight));
      });
      return tf.concat(layout.segments.map((s) => tf.reshape(segments[s.name], [-1])));
    });
    const flat = (await merged.data()) as Float32Array;
    merged.dispose();
    return unpackValues(layout, placements, flat);
  } finally {
    for (const pack of packs) pack.dispose();
  }
}
