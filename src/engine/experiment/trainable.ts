/**
 * Which parameters full fine-tuning leaves alone: the embeddings when frozen,
 * and the first `freeze.blocks` blocks.
 */
import type { ExperimentConfig } from '../config/schema';
import type { ParamSpec } from '../model/architecture';

export function isFrozen(p: Pick<ParamSpec, 'embedding' | 'block'>, freeze: ExperimentConfig['freeze']): boolean {
  if (freeze.embeddings && p.embedding) return true;
  return p.block !== null && p.block < freeze.blocks;
}
