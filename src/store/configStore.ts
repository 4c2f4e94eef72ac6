/**
 * The config being edited. Every change goes through the schema one dotted key
 * at a time: a bad value is reported by name and the previous value kept.
 */
import { create } from 'zustand';
import { applySettings, changedSettings, type ConfigError } from '../engine/config/keys';
import { findPreset, presetConfig } from '../engine/config/presets';
import { defaultConfig, type ExperimentConfig } from '../engine/config/schema';

export interface ConfigState {
  config: ExperimentConfig;
  /** The preset last applied, while the config still equals it. */
  preset: string | null;
  /** The preset last applied, even if edited since (names runs: "lora (edited)"). */
  basedOn: string | null;
  /** Problems with the latest edit or link, by key. */
  errors: ConfigError[];
  set: (key: string, value: unknown) => void;
  applyPreset: (name: string) => void;
  reset: () => void;
  /** Replaces the whole config (a link, an imported run, a re-run). */
  replace: (config: ExperimentConfig, errors?: ConfigError[], preset?: string | null) => void;
  clearErrors: () => void;
}

/** The preset a config equals, if any. */
function presetMatching(config: ExperimentConfig, preferred: string | null): string | null {
  if (preferred && findPreset(preferred)) {
    const diff = changedSettings(config, presetConfig(preferred));
    if (!Object.keys(diff).length) return preferred;
  }
  return null;
}

export const useConfigStore = create<ConfigState>((set, get) => ({
  config: defaultConfig(),
  preset: 'ignore',
  basedOn: 'ignore',
  errors: [],
  set: (key, value) => {
    const { config, errors } = applySettings(get().config, { [key]: value });
    set({ config, errors, preset: presetMatching(config, get().basedOn) });
  },
  applyPreset: (name) => set({ config: presetConfig(name), preset: name, basedOn: name, errors: [] }),
  reset: () => set({ config: defaultConfig(), preset: presetMatching(defaultConfig(), 'ignore'), basedOn: 'ignore', errors: [] }),
  replace: (config, errors = [], preset = null) => set({ config, errors, preset: presetMatching(config, preset), basedOn: preset }),
  clearErrors: () => set({ errors: [] }),
}));
