/**
 * "What changed" between two configs, in the dotted keys people see:
 * `mix 0→0.25, method full→lora`.
 */
import { changedSettings, flattenConfig } from './keys';
import type { ExperimentConfig } from './schema';

/** A setting's value as people read it: lists joined with +, numbers to 4 significant digits. */
export function settingText(value: unknown): string {
  if (Array.isArray(value)) return value.join('+') || '∅';
  if (typeof value === 'number') return String(Number(value.toPrecision(4)));
  return String(value);
}

export interface ConfigChange {
  key: string;
  from: unknown;
  to: unknown;
}

export function configChanges(from: ExperimentConfig, to: ExperimentConfig): ConfigChange[] {
  const before = flattenConfig(from);
  return Object.entries(changedSettings(to, from)).map(([key, value]) => ({ key, from: before[key], to: value }));
}

/** "mix 0→0.25, method full→lora", or "same config" when nothing differs. */
export function describeChanges(from: ExperimentConfig, to: ExperimentConfig): string {
  const changes = configChanges(from, to);
  if (!changes.length) return 'same config';
  return changes.map((c) => `${c.key} ${settingText(c.from)}→${settingText(c.to)}`).join(', ');
}
