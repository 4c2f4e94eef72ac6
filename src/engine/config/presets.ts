/**
 * Strategy presets: one per lever of the lab's story, each a set of dotted
 * settings on top of the defaults plus a plain-language explanation.
 */
import { applySettings } from './keys';
import { defaultConfig, type ExperimentConfig } from './schema';

export interface Preset {
  name: string;
  title: string;
  /** One paragraph for people, shown beside the controls. */
  explanation: string;
  settings: Record<string, unknown>;
}

export const PRESETS: readonly Preset[] = [
  {
    name: 'ignore',
    title: 'Ignore forgetting',
    explanation:
      'Fine-tune every weight of the model on the new task alone, as fast as it will learn. ' +
      'This is what you do when only the new task matters: the task score climbs quickly, and ' +
      'nothing stops the general skills from being overwritten along the way. It is the baseline ' +
      'every other strategy is measured against.',
    settings: {},
  },
  {
    name: 'mix',
    title: 'Mix in general data',
    explanation:
      'Replay: a quarter of every batch is drawn from the general skills the model already has ' +
      '(copy, reverse, sort, successor), the rest from the new task. The model keeps practising what it ' +
      'knows while it learns, so the new task pushes the old skills around much less. The cost is ' +
      'compute and data: a quarter of each batch no longer trains the task. Try other ratios with the slider.',
    settings: { mix: 0.25 },
  },
  {
    name: 'lora',
    title: 'LoRA adapter',
    explanation:
      'Freeze every base weight and train a small low-rank change B·A (rank 4, about a tenth of the ' +
      'parameters) on each attention and MLP layer, plus the embeddings of the letters the base model ' +
      'has never seen. A low-rank change cannot rewrite everything, so it forgets less, and it learns ' +
      'more slowly. Raise the rank (with alpha = 2 × rank) and it learns faster and forgets more.',
    settings: { method: 'lora', 'lora.rank': 4, 'lora.alpha': 8 },
  },
  {
    name: 'regularize',
    title: 'Pull toward the original weights',
    explanation:
      'EWC adds (λ/2)·ΣF(θ−θ0)² to the loss: a spring back to the original weights, stiff where the ' +
      'Fisher information F says the general skills depend on a weight, loose where they do not ' +
      '(F is the empirical Fisher of the base model on general examples, scaled to mean 1). The letters’ ' +
      'own embeddings have no Fisher weight at all, so the task can be learned there. Compare L2-SP ' +
      '(the same spring everywhere) and the clamp (a hard limit θ0 ± δ), and raise λ to see the task suffer.',
    settings: { 'reg.kind': 'ewc', 'reg.strength': 1 },
  },
  {
    name: 'low-lr',
    title: 'Lower learning rate',
    explanation:
      'The same full fine-tuning at a tenth of the learning rate (1e-4 instead of 1e-3). Each step ' +
      'moves the weights less, so at any step the model has forgotten less; it has also learned less, ' +
      'and needs more steps to master the task, during which forgetting creeps back. A smaller or ' +
      'decaying rate trades speed for stability.',
    settings: { lr: 1e-4 },
  },
];

const PRESET_NAMES = PRESETS.map((p) => p.name);

export function findPreset(name: string): Preset | undefined {
  return PRESETS.find((p) => p.name === name);
}

/** The config of a preset: defaults, then the preset's settings. */
export function presetConfig(name: string): ExperimentConfig {
  const preset = findPreset(name);
  if (!preset) throw new Error(`unknown preset '${name}' (choose from ${PRESET_NAMES.join(', ')})`);
  const { config, errors } = applySettings(defaultConfig(), preset.settings);
  if (errors.length) throw new Error(`preset '${name}' is invalid: ${errors.map((e) => e.key).join(', ')}`);
  return config;
}
