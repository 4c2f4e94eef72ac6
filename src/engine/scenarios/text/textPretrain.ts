/**
 * Pre-training of the text scenario's base model: windows of general prose
 * (the seven Brown genres as one pool, each weighing as much as its text),
 * every character a target, from a seeded initialisation. Deterministic for a
 * given spec, corpus and backend.
 */
import { Rng } from '../../data/rng';
import { TextEvaluator } from './textEvaluate';
import { generalSources, sampleWindows, type TextCorpus } from './corpus';
import { TEXT_BASE_DIMS, TEXT_EVAL_WINDOWS } from './textConstants';
import { windowBatch } from './windowBatch';
import { pretrainLoop, type PretrainEvent, type PretrainSpec } from '../../experiment/pretrain';

/**
 * The prototype's recipe (AdamW 3e-3, cosine to 3e-4, weight decay 0.1), on
 * windows of the full context (128) so every position embedding trains, for
 * twice its steps at the same characters per step: it was still improving.
 */
export const DEFAULT_TEXT_PRETRAIN: PretrainSpec = {
  dims: TEXT_BASE_DIMS,
  seed: 1,
  steps: 8000,
  batchSize: 16,
  lr: 3e-3,
  warmup: 200,
  weightDecay: 0.1,
  evalEvery: 500,
};

/** Symbol ids that occur in the general prose's training text: the base model saw these, and no others. */
export function seenSymbols(corpus: TextCorpus): number[] {
  const seen = new Set<number>();
  for (const source of generalSources(corpus)) for (const id of source.train?.symbols ?? []) seen.add(id);
  return [...seen].sort((a, b) => a - b);
}

/** Pre-training on windows of the seven genres as one pool; held-out scores on every source, both domains too. */
export async function* pretrainText(spec: PretrainSpec, corpus: TextCorpus): AsyncGenerator<PretrainEvent> {
  const evaluator = new TextEvaluator(corpus.sources, spec.dims, TEXT_EVAL_WINDOWS);
  const general = generalSources(corpus);
  const rng = Rng.derive(spec.seed, 'text-pretrain-data');
  const nextBatch = () => windowBatch(sampleWindows(general, spec.batchSize, spec.dims.context, rng));
  yield* pretrainLoop(spec, { nextBatch, scores: (model) => evaluator.scores(model) });
}
