/**
 * Which parameters full fine-tuning leaves alone: the embeddings when frozen,
 * and the first `freeze.blocks` blocks.
 */
import type { ExperimentConfig } from '../config/schema';

export function isFrozen(name: string, freeze: ExperimentConfig['freeze']): boolean {
  if (freeze.embeddings && (name.startsWith('wte.') || name.startsWith('wpe.'))) return true;
  const block = /^h(\d+)\./.exec(name);
  return block !== null && Number(block[1]) < freeze.blocks;
}
