/** Builds an experiment config from command-line options: preset, then config file, then --set. */
import { readFile } from 'node:fs/promises';
import { applySettings, flattenConfig, formatErrors, type ConfigError } from '../../src/engine/config/keys';
import { presetConfig, scenarioStart } from '../../src/engine/config/presets';
import { SCENARIOS, type ScenarioName } from '../../src/engine/scenarios/names';
import { defaultConfig, type ExperimentConfig } from '../../src/engine/config/schema';
import { decodeLink } from '../../src/share/link';

export interface ConfigOptions {
  /** A share link (or its query string): the experiment it holds. */
  link?: string;
  preset?: string;
  configFile?: string;
  sets?: string[];
}

/**
 * Link, then preset, then config file, then --set. Throws with every rejected
 * key named; nothing runs on a half-valid config. With neither link nor
 * preset, a scenario named in the settings starts from its own defaults, as
 * choosing it in the page does (`--set scenario=text` is the text scenario's start).
 */
export async function configFromOptions(options: ConfigOptions): Promise<ExperimentConfig> {
  let config = defaultConfig();
  const named = [...(options.sets ?? [])].reverse().find((s) => s.trim().startsWith('scenario='))?.split('=')[1]?.trim();
  if (options.link === undefined && !options.preset && named && (SCENARIOS as readonly string[]).includes(named)) config = scenarioStart(named as ScenarioName);
  const errors: ConfigError[] = [];
  if (options.link !== undefined) {
    const state = decodeLink(options.link);
    errors.push(...state.errors.map((e) => ({ key: `link ${e.key}`, message: e.message })));
    config = state.config;
  }
  if (options.preset) {
    if (options.link !== undefined) throw new Error('give either --link or --preset: a link names its own preset');
    config = presetConfig(options.preset);
  }
  if (options.configFile) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(await readFile(options.configFile, 'utf8'));
    } catch (err) {
      throw new Error(`cannot read config file ${options.configFile}: ${err instanceof Error ? err.message : err}`, { cause: err });
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw new Error(`config file ${options.configFile} must hold a JSON object of settings`);
    }
    const applied = applySettings(config, flattenConfig(parsed));
    config = applied.config;
    errors.push(...applied.errors);
  }
  const settings: Record<string, string> = {};
  for (const item of options.sets ?? []) {
    const eq = item.indexOf('=');
    if (eq <= 0) {
      errors.push({ key: item, message: 'expected key=value' });
      continue;
    }
    settings[item.slice(0, eq).trim()] = item.slice(eq + 1);
  }
  const applied = applySettings(config, settings, { fromText: true });
  errors.push(...applied.errors);
  if (errors.length) throw new Error(`invalid settings: ${formatErrors(errors)}`);
  return applied.config;
}
