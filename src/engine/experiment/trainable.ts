/**
 * Which parameters full fine-tuning trains: all of them, minus the frozen
 * embeddings and the first `freeze.blocks` blocks.
 */
import type * as tf from '../tf';
import type { ExperimentConfig } from '../config/schema';
import type { Gpt } from '../model/model';

export function isFrozen(name: string, freeze: ExperimentConfig['freeze']): boolean {
  if (freeze.embeddings && (name.startsWith('wte.') || name.startsWith('wpe.'))) return true;
  const block = /^h(\d+)\./.exec(name);
  return block !== null && Number(block[1]) < freeze.blocks;
}

export function fullFineTuneParams(model: Gpt, freeze: ExperimentConfig['freeze']): Map<string, tf.Variable> {
  const out = new Map<string, tf.Variable>();
  for (const [name, v] of model.params) if (!isFrozen(name, freeze)) out.set(name, v);
  return out;
}
