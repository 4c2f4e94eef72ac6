/**
 * The five ways to deal with forgetting, in the words of the lab's story,
 * each tied to the strategy preset that tries it.
 */
export interface Strategy {
  name: string;
  /** The preset (config/presets.ts) that tries it. */
  preset: string;
  /** What it does, in one short sentence. */
  what: string;
  /** The glossary entry that explains it. */
  term: string;
}

export const STRATEGIES: readonly Strategy[] = [
  { name: 'Ignore it', preset: 'ignore', what: 'when only the new task matters: train on it alone.', term: 'full-fine-tuning' },
  { name: 'Mix general and task data', preset: 'mix', what: 'part of every batch keeps practising the old skills.', term: 'mix' },
  { name: 'Adapters (LoRA)', preset: 'lora', what: 'freeze the model and train a small add-on instead.', term: 'lora' },
  { name: 'Regularisation, or a limit on parameter change', preset: 'regularize', what: 'pull the weights back toward where they started.', term: 'regularisation' },
  { name: 'Adjust the learning rate', preset: 'low-lr', what: 'smaller steps move the weights less.', term: 'learning-rate' },
];
