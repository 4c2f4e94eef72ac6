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
];

export const PRESET_NAMES = PRESETS.map((p) => p.name);

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
