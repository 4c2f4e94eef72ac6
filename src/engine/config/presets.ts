/**
 * Strategy presets: one per lever of the lab's story, each a set of dotted
 * settings on top of its scenario's defaults plus a plain-language
 * explanation. Each scenario's descriptor holds its own set.
 */
import type { PresetSpec } from '../scenarios/descriptor';
import type { ScenarioName } from '../scenarios/names';
import { allScenarios, describeScenario } from '../scenarios/registry';
import { applySettings } from './keys';
import { defaultConfig, type ExperimentConfig } from './schema';

/** A preset of a scenario (scenarios/descriptor.ts PresetSpec), with the scenario it belongs to. */
export interface Preset extends PresetSpec {
  scenario: ScenarioName;
}

/** Every scenario's presets, in scenario order (read from the registry each time: a scenario registered in a test is included). */
export function allPresets(): Preset[] {
  return allScenarios().flatMap((d) => d.presets.map((p) => ({ ...p, scenario: d.name })));
}

/** A scenario's presets, in order. */
export function presetsFor(scenario: ScenarioName): Preset[] {
  return describeScenario(scenario).presets.map((p) => ({ ...p, scenario }));
}

/**
 * Where a scenario starts: the schema's defaults, then the scenario's own
 * (its descriptor's `defaults`). The page, links (from settings version 3)
 * and the command line all start a scenario here.
 */
export function scenarioStart(scenario: ScenarioName): ExperimentConfig {
  const { config, errors } = applySettings(defaultConfig(), { scenario, ...describeScenario(scenario).defaults });
  if (errors.length) throw new Error(`the ${scenario} scenario's defaults are invalid: ${errors.map((e) => `${e.key}: ${e.message}`).join('; ')}`);
  return config;
}

/** A preset by name: names are unique across scenarios (presets.test.ts). */
export function findPreset(name: string): Preset | undefined {
  return allPresets().find((p) => p.name === name);
}

/** The config of a preset: its scenario's start, then the preset's settings. */
export function presetConfig(name: string): ExperimentConfig {
  const preset = findPreset(name);
  if (!preset) throw new Error(`unknown preset '${name}' (choose from ${allPresets().map((p) => p.name).join(', ')})`);
  const { config, errors } = applySettings(scenarioStart(preset.scenario), preset.settings);
  if (errors.length) throw new Error(`preset '${name}' is invalid: ${errors.map((e) => e.key).join(', ')}`);
  return config;
}
