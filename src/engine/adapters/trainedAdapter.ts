/**
 * What a LoRA run hands on at its end: the adapter it trained, read back from
 * the device, with the new-token rows it trained beside the adapters (the
 * rows of tokens the base never saw, lora.newTokens) as their change from the
 * base, kept only where they did change. Plugged into the base model this is
 * the trained model again.
 */
import type { ExperimentConfig } from '../config/schema';
import type { Checkpoint } from '../checkpoint/format';
import type { Gpt } from '../model/model';
import { encodeAdapter, type AdapterFields } from './adapterRecord';
import { TOKEN_TABLE } from './adapterPack';

export async function trainedAdapter(model: Gpt, config: ExperimentConfig, base: Checkpoint): Promise<AdapterFields | null> {
  if (!model.lora) return null;
  const values = Float32Array.from((await model.lora.theta.data()) as Float32Array);
  const { rank, alpha, targets, rslora } = config.lora;
  const d = model.dims.dModel;
  const tokens: number[] = [];
  const delta: number[] = [];
  if (config.lora.newTokens) {
    const trained = (await model.values())[TOKEN_TABLE];
    const before = base.values[TOKEN_TABLE];
    const seen = new Set(base.manifest.seenTokens);
    for (let t = 0; t < model.dims.vocabSize; t++) {
      if (seen.has(t)) continue;
      const row = Array.from({ length: d }, (_, j) => trained[t * d + j] - before[t * d + j]);
      if (row.every((x) => x === 0)) continue;
      tokens.push(t);
      delta.push(...row);
    }
  }
  return encodeAdapter({ rank, alpha, targets: [...targets], rslora, values, ...(tokens.length ? { rows: { tokens, delta: Float32Array.from(delta) } } : {}) });
}
