/**
 * Pre-training of the text scenario's base model: windows of general prose
 * (the seven Brown genres as one pool, each weighing as much as its text),
 * every character a target, from a seeded initialisation. Deterministic for a
 * given spec, corpus and backend.
 */
import { Rng } from '../data/rng';
import { TextEvaluator } from '../eval/textEvaluate';
import type { ModelDims } from '../model/dims';
import { Gpt } from '../model/model';
import { initialValues } from '../model/params';
import { generalSources, sampleWindows, type TextCorpus } from '../scenario/text/corpus';
import { TEXT_BASE_DIMS, TEXT_EVAL_WINDOWS } from '../scenario/text/textScenario';
import { windowBatch } from '../scenario/text/windowBatch';
import { configSchema } from '../config/schema';
import { learningRate } from '../train/schedule';
import { Trainer } from '../train/trainer';
import type { PretrainEvent } from './pretrain';
import { prepareTraining } from './setup';

export interface TextPretrainSpec {
  dims: ModelDims;
  seed: number;
  steps: number;
  /** Windows of context + 1 characters per step. */
  batchSize: number;
  lr: number;
  warmup: number;
  weightDecay: number;
  evalEvery: number;
}

/**
 * The prototype's recipe (AdamW 3e-3, cosine to 3e-4, weight decay 0.1), on
 * windows of the full context (128) so every position embedding trains, for
 * twice its steps at the same characters per step: it was still improving.
 */
export const DEFAULT_TEXT_PRETRAIN: TextPretrainSpec = {
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

/** Yields each step's loss, held-out scores every `evalEvery` steps (general genres and both domains), and the weights. */
export async function* pretrainText(spec: TextPretrainSpec, corpus: TextCorpus): AsyncGenerator<PretrainEvent> {
  const model = new Gpt(spec.dims, initialValues(spec.dims, spec.seed));
  const config = configSchema.parse({ optimizer: 'adamw', weightDecay: spec.weightDecay, clipNorm: 1 });
  // No regulariser: θ0 is never read, so the live weights stand in for it.
  const setup = prepareTraining(model, config, model.theta, []);
  const trainer = new Trainer(model, setup, { optimizer: { kind: 'adamw', weightDecay: spec.weightDecay }, clipNorm: 1 });
  const evaluator = new TextEvaluator(corpus.sources, spec.dims, TEXT_EVAL_WINDOWS);
  try {
    const general = generalSources(corpus);
    const rng = Rng.derive(spec.seed, 'text-pretrain-data');
    const schedule = { kind: 'cosine' as const, lr: spec.lr, warmup: spec.warmup, steps: spec.steps, minRatio: 0.1 };
    for (let step = 1; step <= spec.steps; step++) {
      const lr = learningRate(schedule, step - 1);
      const batch = windowBatch(sampleWindows(general, spec.batchSize, spec.dims.context, rng));
      const lossTensor = trainer.step(batch, lr);
      const loss = (await lossTensor.data())[0];
      lossTensor.dispose();
      if (!Number.isFinite(loss)) throw new Error(`pre-training diverged at step ${step}`);
      yield { type: 'step', step, loss, lr };
      if (step % spec.evalEvery === 0 && step < spec.steps) yield { type: 'eval', step, scores: await evaluator.scores(model) };
    }
    yield { type: 'done', values: await model.values(), scores: await evaluator.scores(model) };
  } finally {
    trainer.dispose();
    setup.dispose();
    model.dispose();
  }
}
