/**
 * Turns the config's method and levers into what the trainer needs: the
 * trainable variables, the penalty, the gradient masks and the projection.
 */
import type { ExperimentConfig } from '../config/schema';
import { attachLora, loraDelta } from '../model/lora';
import type { Gpt } from '../model/model';
import type { DeltaOf } from '../train/regularizers';
import { DeltaClamp, ewcPenalty, l2spPenalty } from '../train/regularizers';
import type { TrainerHooks } from '../train/trainer';
import * as tf from '../tf';
import { fullFineTuneParams } from './trainable';

export interface TrainingSetup {
  /** What the optimizer updates (base parameters and/or adapter matrices). */
  trainable: Map<string, tf.Variable>;
  /** Parameters whose change from θ0 is counted: base name -> current change. */
  deltas: Map<string, DeltaOf>;
  hooks: TrainerHooks;
  /** Frees what the setup made (adapters are the model's and go with it). */
  dispose(): void;
}

/**
 * `original` holds θ0 for every base parameter; `fisher` is needed for EWC
 * and `seenTokens` for training new-token embedding rows under LoRA.
 */
export function prepareTraining(
  model: Gpt,
  config: ExperimentConfig,
  original: ReadonlyMap<string, tf.Tensor>,
  seenTokens: readonly number[],
  fisher?: ReadonlyMap<string, tf.Tensor>,
): TrainingSetup {
  const trainable = new Map<string, tf.Variable>();
  const deltas = new Map<string, DeltaOf>();
  const gradientMasks = new Map<string, tf.Tensor>();
  const owned: tf.Tensor[] = [];

  const trainBase = (name: string, v: tf.Variable) => {
    trainable.set(name, v);
    const theta0 = original.get(name)!;
    deltas.set(name, () => tf.sub(v, theta0));
  };

  if (config.method === 'full') {
    for (const [name, v] of fullFineTuneParams(model, config.freeze)) trainBase(name, v);
  } else {
    const adapters = attachLora(model, config.lora, config.seed);
    for (const [name, v] of adapters) trainable.set(name, v);
    for (const [module, adapter] of model.adapters) deltas.set(`${module}.weight`, () => loraDelta(adapter));
    if (config.lora.newTokens) {
      // As PEFT does for added tokens: train only the embedding rows the base never saw.
      const wte = model.params.get('wte.weight')!;
      const seen = new Set(seenTokens);
      const rows = Array.from({ length: model.dims.vocabSize }, (_, t) => (seen.has(t) ? 0 : 1));
      const mask = tf.tidy(() => tf.tile(tf.reshape(tf.tensor1d(rows), [model.dims.vocabSize, 1]), [1, model.dims.dModel]));
      owned.push(mask);
      trainBase('wte.weight', wte);
      gradientMasks.set('wte.weight', mask);
    }
  }

  const hooks: TrainerHooks = { gradientMasks };
  const { kind, strength } = config.reg;
  let clamp: DeltaClamp | null = null;
  if (kind === 'l2sp') hooks.penalty = () => l2spPenalty(deltas, strength);
  if (kind === 'ewc') {
    if (!fisher) throw new Error('EWC needs the Fisher information of the base model');
    hooks.penalty = () => ewcPenalty(deltas, fisher, strength);
  }
  if (kind === 'clamp') {
    const baseTrainable = new Map([...trainable].filter(([name]) => original.has(name)));
    clamp = new DeltaClamp(baseTrainable, original, strength);
    hooks.project = () => clamp!.project();
  }

  return {
    trainable,
    deltas,
    hooks,
    dispose() {
      clamp?.dispose();
      tf.dispose(owned);
    },
  };
}
