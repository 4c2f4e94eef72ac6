/**
 * The config's dotted keys (`lr`, `lora.rank`, `reg.kind`): the one spelling
 * shared by the UI, `--set key=value` and share links. Each setting is
 * checked on its own, so one bad value is reported by name and the rest apply.
 */
import { configSchema, defaultConfig, type ExperimentConfig } from './schema';

export interface ConfigError {
  key: string;
  message: string;
}

export type FlatConfig = Record<string, unknown>;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `{lora: {rank: 4}}` -> `{'lora.rank': 4}`; arrays are values, not branches. */
export function flattenConfig(config: object, prefix = ''): FlatConfig {
  const flat: FlatConfig = {};
  for (const [k, v] of Object.entries(config)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (isPlainObject(v)) Object.assign(flat, flattenConfig(v, key));
    else flat[key] = v;
  }
  return flat;
}

export function unflattenConfig(flat: FlatConfig): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(flat)) {
    const parts = key.split('.');
    let node = out;
    for (const part of parts.slice(0, -1)) {
      if (!isPlainObject(node[part])) node[part] = {};
      node = node[part] as Record<string, unknown>;
    }
    node[parts[parts.length - 1]] = value;
  }
  return out;
}

const DEFAULT_FLAT = flattenConfig(defaultConfig());
export const CONFIG_KEYS: readonly string[] = Object.keys(DEFAULT_FLAT);

export function isConfigKey(key: string): boolean {
  return Object.prototype.hasOwnProperty.call(DEFAULT_FLAT, key);
}

/**
 * Reads a value written as text (command line, URL) into the key's type,
 * which is the type of its default: number, boolean, list (comma-separated) or word.
 */
function parseSettingText(key: string, text: string): { value?: unknown; error?: string } {
  const example = DEFAULT_FLAT[key];
  const trimmed = text.trim();
  if (typeof example === 'number') {
    const value = trimmed === '' ? NaN : Number(trimmed);
    return Number.isFinite(value) ? { value } : { error: `expected a number, got '${clip(text)}'` };
  }
  if (typeof example === 'boolean') {
    if (['true', '1', 'yes', 'on'].includes(trimmed.toLowerCase())) return { value: true };
    if (['false', '0', 'no', 'off'].includes(trimmed.toLowerCase())) return { value: false };
    return { error: `expected true or false, got '${clip(text)}'` };
  }
  if (Array.isArray(example)) return { value: trimmed === '' ? [] : trimmed.split(',').map((s) => s.trim()) };
  return { value: trimmed };
}

/** Shortens user text before it goes into a message. */
function clip(text: string, max = 40): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

function issueMessage(key: string, result: ReturnType<typeof configSchema.safeParse>): string | null {
  if (result.success) return null;
  const issue = result.error.issues.find((i) => i.path.join('.') === key || key.startsWith(i.path.join('.') + '.')) ?? result.error.issues[0];
  return issue.message;
}

/**
 * Applies settings (values typed, or text to be read) on top of `base`. Each
 * key is validated alone: an unknown key or bad value is reported by name and
 * the base value kept; the others apply.
 */
export function applySettings(
  base: ExperimentConfig,
  settings: Record<string, unknown>,
  { fromText = false }: { fromText?: boolean } = {},
): { config: ExperimentConfig; errors: ConfigError[] } {
  const errors: ConfigError[] = [];
  let flat = flattenConfig(base);
  for (const [key, raw] of Object.entries(settings)) {
    if (!isConfigKey(key)) {
      errors.push({ key, message: 'unknown key' });
      continue;
    }
    let value = raw;
    if (fromText) {
      const read = parseSettingText(key, String(raw));
      if (read.error) {
        errors.push({ key, message: read.error });
        continue;
      }
      value = read.value;
    }
    const candidate = { ...flat, [key]: value };
    const result = configSchema.safeParse(unflattenConfig(candidate));
    const message = issueMessage(key, result);
    if (message) errors.push({ key, message });
    else flat = candidate;
  }
  return { config: configSchema.parse(unflattenConfig(flat)), errors };
}

/** Validates a whole config object (a JSON file, an import): the valid keys apply, the rest are named. */
export function resolveConfig(input: unknown): { config: ExperimentConfig; errors: ConfigError[] } {
  if (!isPlainObject(input)) return { config: defaultConfig(), errors: [{ key: '(config)', message: 'expected an object of settings' }] };
  return applySettings(defaultConfig(), flattenConfig(input));
}

/** The settings of `config` that differ from the defaults, as dotted keys. */
export function changedSettings(config: ExperimentConfig, from: ExperimentConfig = defaultConfig()): FlatConfig {
  const a = flattenConfig(from);
  const b = flattenConfig(config);
  const out: FlatConfig = {};
  for (const key of Object.keys(b)) if (JSON.stringify(a[key]) !== JSON.stringify(b[key])) out[key] = b[key];
  return out;
}

export function formatErrors(errors: readonly ConfigError[]): string {
  return errors.map((e) => `${e.key}: ${e.message}`).join('; ');
}
