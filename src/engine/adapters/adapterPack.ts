/**
 * A stored adapter back on the device: a LoraPack (model/lora.ts) of the
 * adapter's spec, holding its values. The pack's layout is the one the run
 * trained in, so values that do not fit it (another model, another spec) are
 * refused by name rather than read wrongly.
 */
import type { ModelDims } from '../model/dims';
import { LoraPack } from '../model/lora';
import * as tf from '../tf';
import type { AdapterWeights } from './adapterRecord';

/** Embedding rows of new tokens live in `wte.weight`, row after row. */
export const TOKEN_TABLE = 'wte.weight';

export function adapterPack(dims: ModelDims, adapter: AdapterWeights): LoraPack {
  const pack = new LoraPack(dims, adapter, 0);
  if (adapter.values.length !== pack.layout.size) {
    pack.dispose();
    throw new Error(
      `the adapter holds ${adapter.values.length} values, but rank ${adapter.rank} on ${adapter.targets.join(', ')} of this model needs ${pack.layout.size} (an adapter of another model?)`,
    );
  }
  tf.tidy(() => pack.theta.assign(tf.tensor1d(adapter.values)));
  return pack;
}

/** The base values with each plug's new-token rows added (w · delta); the same object when no plug has rows. */
export function withTokenRows(
  dims: ModelDims,
  values: Readonly<Record<string, Float32Array>>,
  plugs: ReadonlyArray<{ adapter: AdapterWeights; weight: number }>,
): Readonly<Record<string, Float32Array>> {
  if (!plugs.some((p) => p.adapter.rows)) return values;
  const table = Float32Array.from(values[TOKEN_TABLE]);
  const d = dims.dModel;
  for (const { adapter, weight } of plugs) {
    if (!adapter.rows) continue;
    const { tokens, delta } = adapter.rows;
    if (delta.length !== tokens.length * d) throw new Error(`the adapter's token rows hold ${delta.length} values, not ${tokens.length} × ${d}`);
    tokens.forEach((t, i) => {
      if (t >= dims.vocabSize) throw new Error(`the adapter changes token ${t}, but this model has ${dims.vocabSize} tokens`);
      for (let j = 0; j < d; j++) table[t * d + j] += weight * delta[i * d + j];
    });
  }
  return { ...values, [TOKEN_TABLE]: table };
}
