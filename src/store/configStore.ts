/**
 * The config being edited. Every change goes through the schema one dotted key
 * at a time: a bad value is reported by name and the previous value kept.
 */
import { create } from 'zustand';
import { applySettings, changedSettings, type ConfigError } from '../engine/config/keys';
import { findPreset, presetConfig, allPresets, scenarioStart } from '../engine/config/presets';
import { CUSTOM_DOMAIN, keepOwnText } from '../engine/scenarios/text/customText';
import { SCENARIOS, type ScenarioName } from '../engine/scenarios/names';
import { settingText } from '../engine/config/naming';
import { heldDifferenceText, isHeld, keepHeld } from '../share/heldSections';
import { useNoticeStore } from './noticeStore';
import { useViewStore } from './viewStore';
import { defaultConfig, STRENGTH_SLIDERS, type ExperimentConfig } from '../engine/config/schema';
import { alphaKeepingScale } from '../engine/sweep/loraScaleKept';

export interface ConfigState {
  config: ExperimentConfig;
  /** The preset last applied, while the config still equals it. */
  preset: string | null;
  /** The preset last applied, even if edited since (names runs: "lora (edited)"). */
  basedOn: string | null;
  /** Problems with the latest edit or link, by key. */
  errors: ConfigError[];
  /** Keep LoRA's scale s (α/r, or α/√r with rsLoRA) when the rank moves: alpha follows rank. */
  keepLoraScale: boolean;
  setKeepLoraScale: (keep: boolean) => void;
  set: (key: string, value: unknown) => void;
  /** Applies a preset to every key outside a locked section; returns the keys it left alone (and says so). */
  applyPreset: (name: string) => string[];
  reset: () => void;
  /** Replaces the whole config (a link, an imported run, a re-run). */
  replace: (config: ExperimentConfig, errors?: ConfigError[], preset?: string | null) => void;
  clearErrors: () => void;
}

/** The preset a config equals, if any: the preferred one first (two presets could coincide), then any. */
function presetMatching(config: ExperimentConfig, preferred: string | null): string | null {
  // Where runs start (merged adapters) is no part of a strategy: a preset applied on a merged start still is that preset.
  const equals = (name: string) => Object.keys(changedSettings({ ...config, start: [] }, presetConfig(name))).length === 0;
  if (preferred && findPreset(preferred) && equals(preferred)) return preferred;
  return allPresets().find((p) => equals(p.name))?.name ?? null;
}

/**
 * What else one edit changes, so the controls teach the truth: a new scenario
 * brings its own starting settings (steps, batch, evaluation, domain); with the scale
 * kept, a new rank brings its alpha (rank 64 at α 8 would be a 16× weaker
 * adapter, not a bigger one); a new regulariser kind starts at a strength
 * that means something for it (λ = 1 is a δ of 1 for clamp: no limit at all).
 */
export function settingsFor(config: ExperimentConfig, key: string, value: unknown, keepLoraScale: boolean): Record<string, unknown> {
  // Another scenario is another model and other data: start from where that scenario starts (its first preset), same seed.
  if (key === 'scenario' && value !== config.scenario && (SCENARIOS as readonly unknown[]).includes(value)) {
    const { seed: _seed, ...start } = changedSettings(scenarioStart(value as ScenarioName), config);
    return { ...start, scenario: value };
  }
  const settings: Record<string, unknown> = { [key]: value };
  if (key === 'lora.rank' && keepLoraScale && typeof value === 'number' && value > 0) {
    settings['lora.alpha'] = alphaKeepingScale(config.lora, value);
  }
  // A shipped domain names no text of one's own: links and run configs stay clean of a stale hash.
  if (key === 'domain' && value !== CUSTOM_DOMAIN) Object.assign(settings, { domainHash: '', domainName: '' });
  if (key === 'reg.kind' && typeof value === 'string' && value in STRENGTH_SLIDERS) {
    const range = STRENGTH_SLIDERS[value as keyof typeof STRENGTH_SLIDERS];
    if (config.reg.strength < range.min || config.reg.strength > range.max) settings['reg.strength'] = REG_DEFAULT_STRENGTH[value] ?? range.max;
  }
  return settings;
}

const flatValue = (config: ExperimentConfig, key: string) => key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], config);

/** Where each regulariser starts when chosen: the presets' EWC λ, L2-SP's middle, a δ that binds. */
const REG_DEFAULT_STRENGTH: Record<string, number> = { l2sp: 1, ewc: 1, clamp: 0.006 };

export const useConfigStore = create<ConfigState>((set, get) => ({
  config: defaultConfig(),
  preset: 'ignore',
  basedOn: 'ignore',
  errors: [],
  keepLoraScale: true,
  setKeepLoraScale: (keep) => set({ keepLoraScale: keep }),
  set: (key, value) => {
    const current = get().config;
    const held = useViewStore.getState().heldGroups;
    if (isHeld(key, held)) {
      set({ errors: [{ key, message: 'locked or hidden here, so it stays as it is' }] });
      return;
    }
    const edited = applySettings(current, settingsFor(current, key, value, get().keepLoraScale));
    // What one edit brings along (a scenario's own run settings) stops at a held section too.
    const { config } = keepHeld(current, edited.config, held);
    set({ config, errors: edited.errors, preset: presetMatching(config, get().basedOn) });
  },
  applyPreset: (name) => {
    const current = get().config;
    const chosen = keepOwnText(current, presetConfig(name), findPreset(name)?.settings ?? {});
    // The merged start stays (its adapters belong to this scenario's model).
    const target = chosen.scenario === current.scenario ? { ...chosen, start: current.start } : chosen;
    const { config, kept } = keepHeld(current, target, useViewStore.getState().heldGroups);
    set({ config, preset: presetMatching(config, name), basedOn: name, errors: [] });
    if (kept.length) {
      const title = findPreset(name)?.title ?? name;
      const changed = Object.keys(changedSettings(config, current));
      const keptText = heldDifferenceText(kept, current, target);
      // Say only what happened: a preset whose every change was held changed nothing.
      const message = changed.length
        ? `${title}: set ${changed.map((k) => settingText(k, flatValue(config, k), config)).join(', ')}; kept ${keptText}: locked or hidden here.`
        : `${title} changed nothing: everything it sets is locked or hidden here (kept ${keptText}).`;
      useNoticeStore.getState().notify(message, 'info');
    }
    return kept;
  },
  reset: () => set({ config: defaultConfig(), preset: presetMatching(defaultConfig(), 'ignore'), basedOn: 'ignore', errors: [] }),
  replace: (config, errors = [], preset = null) => set({ config, errors, preset: presetMatching(config, preset), basedOn: preset }),
  clearErrors: () => set({ errors: [] }),
}));
