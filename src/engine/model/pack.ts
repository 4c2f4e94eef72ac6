/** A packed flat vector cut into its segments' tensors (layout.ts). */
import * as tf from '../tf';
import type { PackLayout } from './layout';

/** Views of every segment, by name: one split and a reshape per matrix. Call inside tf.tidy. */
export function splitPack<Name extends string>(flat: tf.Tensor, layout: PackLayout<Name>): Record<Name, tf.Tensor> {
  const parts = tf.split(flat, layout.segments.map((s) => s.size));
  const out = {} as Record<Name, tf.Tensor>;
  layout.segments.forEach((s, i) => (out[s.name] = s.shape.length === 1 ? parts[i] : tf.reshape(parts[i], s.shape)));
  return out;
}

/**
 * Segment gradients laid end to end in the pack's order, as one flat vector:
 * segments without a gradient are zeros (one fill per run of them).
 */
export function joinPack<Name extends string>(layout: PackLayout<Name>, grads: ReadonlyMap<Name, tf.Tensor>): tf.Tensor1D {
  const parts: tf.Tensor[] = [];
  let zeros = 0;
  for (const s of layout.segments) {
    const g = grads.get(s.name);
    if (!g) {
      zeros += s.size;
      continue;
    }
    if (zeros) parts.push(tf.zeros([zeros]));
    zeros = 0;
    parts.push(g.rank === 1 ? g : tf.reshape(g, [-1]));
  }
  if (zeros) parts.push(tf.zeros([zeros]));
  return (parts.length === 1 ? parts[0] : tf.concat(parts)) as tf.Tensor1D;
}
