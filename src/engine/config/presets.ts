/**
 * Strategy presets: one per lever of the lab's story, each a set of dotted
 * settings on top of the defaults plus a plain-language explanation. Each
 * scenario has its own set; the first of a set is where that scenario starts.
 */
import type { ScenarioName } from '../scenarios/names';
import { applySettings } from './keys';
import { defaultConfig, type ExperimentConfig } from './schema';

export interface Preset {
  name: string;
  scenario: ScenarioName;
  title: string;
  /** One paragraph for people, shown beside the controls. */
  explanation: string;
  settings: Record<string, unknown>;
}

/**
 * Where every text run starts: continual pre-training on code, 8 windows of
 * 128 characters a step (the prototype's characters per step, 16 × 64, at
 * the model's full context), 200 steps and an evaluation every 25, live
 * points on 4 windows per genre. Chosen so the run takes under 30 s on wasm
 * with evaluation under 15% of it (npm run bench), while the forgetting,
 * most of which happens in the first 25 steps, shows in full.
 */
const TEXT_RUN = { scenario: 'text', domain: 'code', steps: 200, batchSize: 8, evalEvery: 25, liveEvalSize: 4 } as const;

export const PRESETS: readonly Preset[] = [
  {
    name: 'ignore',
    scenario: 'skills',
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
    scenario: 'skills',
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
    scenario: 'skills',
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
    scenario: 'skills',
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
    scenario: 'skills',
    title: 'Lower learning rate',
    explanation:
      'The same full fine-tuning at a tenth of the learning rate (1e-4 instead of 1e-3). Each step ' +
      'moves the weights less, so at any step the model has forgotten less; it has also learned less, ' +
      'and needs more steps to master the task, during which forgetting creeps back. A smaller or ' +
      'decaying rate trades speed for stability.',
    settings: { lr: 1e-4 },
  },
  {
    name: 'text-ignore',
    scenario: 'text',
    title: 'Code: ignore forgetting',
    explanation:
      'A character-level GPT that writes English (pre-trained on the Brown Corpus) is trained further on JavaScript ' +
      'source, every character a target: continual pre-training on a domain far from its own. Its next-character ' +
      'accuracy on code climbs; on every genre of English prose it falls, and the samples stop being English. ' +
      'This is the baseline every other strategy is measured against.',
    settings: { ...TEXT_RUN },
  },
  {
    name: 'text-near',
    scenario: 'text',
    title: 'Near prose: ignore forgetting',
    explanation:
      'The same continual pre-training on a near domain instead: learned and government prose (Brown J and H), ' +
      'English still, in another register. The domain has little to teach and little to overwrite: compare how ' +
      'much English it forgets with the code run. Distance from what the model knows is what forgets.',
    settings: { ...TEXT_RUN, domain: 'near' },
  },
  {
    name: 'text-mix',
    scenario: 'text',
    title: 'Code + general prose mixed in',
    explanation:
      'Replay: a quarter of every batch is general prose from the pre-training corpus (its training split, never ' +
      'the held-out text the charts read), the rest code. The model keeps practising English while it learns code, ' +
      'and forgets much less; a quarter of each batch no longer trains the domain. Try other ratios with the slider.',
    settings: { ...TEXT_RUN, mix: 0.25 },
  },
  {
    name: 'text-lora',
    scenario: 'text',
    title: 'Code with a LoRA adapter',
    explanation:
      'Freeze every base weight and train a low-rank change B·A (rank 4) on each attention and MLP layer, plus the ' +
      'embedding rows of symbols the base never met in prose. It learns code more slowly and forgets less English. ' +
      'Much of code is symbols prose barely uses ({, }, =, ;), which a frozen embedding table cannot learn to use well.',
    settings: { ...TEXT_RUN, method: 'lora', 'lora.rank': 4, 'lora.alpha': 8 },
  },
  {
    name: 'text-regularize',
    scenario: 'text',
    title: 'Code, pulled toward the original weights',
    explanation:
      'L2-SP adds (λ/2)·Σ(θ−θ0)² to the loss: a spring back to the weights that wrote English. Raise λ and the ' +
      'model forgets less and learns less code; EWC weighs the spring by the Fisher information of general prose, ' +
      'and the clamp is a hard limit θ0 ± δ. Sweep λ to see the trade-off.',
    settings: { ...TEXT_RUN, 'reg.kind': 'l2sp', 'reg.strength': 1 },
  },
  {
    name: 'text-low-lr',
    scenario: 'text',
    title: 'Code at a lower learning rate',
    explanation:
      'The same continual pre-training at 1e-4 instead of 1e-3: each step moves the weights less, so less English ' +
      'is lost, and less code is learned. Continual pre-training papers also re-warm the rate: try the rewarm ' +
      'schedule, which starts low, warms up and decays again.',
    settings: { ...TEXT_RUN, lr: 1e-4 },
  },
];

const PRESET_NAMES = PRESETS.map((p) => p.name);

/** A scenario's presets, in order. */
export function presetsFor(scenario: ScenarioName): Preset[] {
  return PRESETS.filter((p) => p.scenario === scenario);
}

/** Where a scenario starts: its first preset's config (the defaults, for skills). */
export function scenarioStart(scenario: ScenarioName): ExperimentConfig {
  return presetConfig(presetsFor(scenario)[0].name);
}

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
