/**
 * Pre-training of the base model: the general skills only, in equal shares,
 * from a seeded initialisation. Deterministic for a given spec and backend.
 */
import { fittedLength, packBatch, type TokenBatch } from '../data/batch';
import { Rng } from '../data/rng';
import { BatchSampler } from '../data/sampler';
import { GENERAL_SKILLS, TASKS } from '../scenarios/skills/skills';
import { EOS, EQUALS, PAD, tokenId, DIGITS } from '../data/vocab';
import { Evaluator } from '../eval/evaluate';
import type { SkillScore } from '../eval/score';
import type { ModelDims } from '../model/dims';
import { Gpt } from '../model/model';
import { initialValues } from '../model/params';
import { learningRate } from '../train/schedule';
import { Trainer } from '../train/trainer';
import { configSchema } from '../config/schema';
import { prepareTraining } from './setup';

export interface PretrainSpec {
  dims: ModelDims;
  seed: number;
  steps: number;
  batchSize: number;
  lr: number;
  warmup: number;
  weightDecay: number;
  evalEvery: number;
}

export const BASE_DIMS: ModelDims = { vocabSize: 32, context: 20, dModel: 64, nLayers: 2, nHeads: 4, dFF: 256 };

export const DEFAULT_PRETRAIN: PretrainSpec = {
  dims: BASE_DIMS,
  seed: 1,
  steps: 4000,
  batchSize: 64,
  lr: 3e-3,
  warmup: 100,
  weightDecay: 0.1,
  evalEvery: 250,
};

/** The tokens pre-training uses; all others are new to the base model. */
export function pretrainTokens(): number[] {
  const ids = new Set<number>([PAD, EOS, EQUALS, ...DIGITS.map(tokenId), ...GENERAL_SKILLS.map((s) => tokenId(s.marker))]);
  return [...ids].sort((a, b) => a - b);
}

export type PretrainEvent =
  | { type: 'step'; step: number; loss: number; lr: number }
  | { type: 'eval'; step: number; scores: Record<string, SkillScore> }
  | { type: 'done'; values: Record<string, Float32Array>; scores: Record<string, SkillScore> };

/** What pre-training reads from its scenario: the next batch, and the held-out scores of the model. */
export interface PretrainData {
  nextBatch: () => TokenBatch;
  scores: (model: Gpt) => Promise<Record<string, SkillScore>>;
}

/**
 * The one pre-training loop of both scenarios' base models: AdamW with weight
 * decay, clipping at 1, warm-up then cosine decay to a tenth, from a seeded
 * initialisation. Yields each step's loss, held-out scores every `evalEvery`
 * steps, and the weights.
 */
export async function* pretrainLoop(spec: PretrainSpec, data: PretrainData): AsyncGenerator<PretrainEvent> {
  const model = new Gpt(spec.dims, initialValues(spec.dims, spec.seed));
  const config = configSchema.parse({ optimizer: 'adamw', weightDecay: spec.weightDecay, clipNorm: 1 });
  // No regulariser: θ0 is never read, so the live weights stand in for it.
  const setup = prepareTraining(model, config, model.theta, []);
  const trainer = new Trainer(model, setup, { optimizer: { kind: 'adamw', weightDecay: spec.weightDecay }, clipNorm: 1 });
  try {
    const schedule = { kind: 'cosine' as const, lr: spec.lr, warmup: spec.warmup, steps: spec.steps, minRatio: 0.1 };
    for (let step = 1; step <= spec.steps; step++) {
      const lr = learningRate(schedule, step - 1);
      const lossTensor = trainer.step(data.nextBatch(), lr);
      const loss = (await lossTensor.data())[0];
      lossTensor.dispose();
      if (!Number.isFinite(loss)) throw new Error(`pre-training diverged at step ${step}`);
      yield { type: 'step', step, loss, lr };
      if (step % spec.evalEvery === 0 && step < spec.steps) yield { type: 'eval', step, scores: await data.scores(model) };
    }
    yield { type: 'done', values: await model.values(), scores: await data.scores(model) };
  } finally {
    trainer.dispose();
    setup.dispose();
    model.dispose();
  }
}

/** The skills base model: the general skills only, in equal shares. */
export async function* pretrain(spec: PretrainSpec): AsyncGenerator<PretrainEvent> {
  const evaluator = new Evaluator([...GENERAL_SKILLS, ...TASKS], spec.dims);
  try {
    const sampler = new BatchSampler(null, GENERAL_SKILLS, Rng.derive(spec.seed, 'pretrain-data'));
    const nextBatch = () => {
      const examples = sampler.sample({ general: spec.batchSize, replay: 0, task: 0 });
      return packBatch(examples, fittedLength(examples, spec.dims.context), 'answer');
    };
    yield* pretrainLoop(spec, { nextBatch, scores: (model) => evaluator.scores(model) });
  } finally {
    evaluator.dispose();
  }
}
