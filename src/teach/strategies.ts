/**
 * The five ways to deal with forgetting, in the words of the lab's story,
 * each tied to its lever: every scenario has a preset that tries it
 * (scenarios/*Descriptor.ts, `lever`).
 */
import type { Lever } from '../engine/scenarios/descriptor';

export interface Strategy {
  name: string;
  lever: Lever;
  /** What it does, in one short sentence. */
  what: string;
  /** The glossary entry that explains it. */
  term: string;
}

export const STRATEGIES: readonly Strategy[] = [
  { name: 'Ignore it', lever: 'ignore', what: 'when only the new task matters: train on it alone.', term: 'full-fine-tuning' },
  { name: 'Mix general and task data', lever: 'mix', what: 'part of every batch keeps practising the old skills.', term: 'mix' },
  { name: 'Adapters (LoRA)', lever: 'adapter', what: 'freeze the model and train a small add-on instead.', term: 'lora' },
  { name: 'Regularisation, or a limit on parameter change', lever: 'regularize', what: 'pull the weights back toward where they started.', term: 'regularisation' },
  { name: 'Adjust the learning rate', lever: 'learning-rate', what: 'smaller steps move the weights less.', term: 'learning-rate' },
];
