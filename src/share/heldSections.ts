/**
 * The one rule for an instructor link's `hide` and `lock`: a hidden section
 * is held as well as a locked one (what a participant cannot see, nothing on
 * the page may change behind their back). Every path that changes the
 * settings or trains a run asks here: the controls, the preset buttons and
 * keys 1–9, lesson steps, re-runs of shared runs, sweeps and the queue.
 * A link or a challenge sets the held values; nothing after it moves them.
 */
import { applySettings, changedSettings, flattenConfig } from '../engine/config/keys';
import { settingText } from '../engine/config/naming';
import { sectionOf } from '../engine/config/sections';
import type { ExperimentConfig } from '../engine/config/schema';

/** The sections (and `presets`, the preset bar) nothing may change: the locked ones and the hidden ones. */
export function heldSections(hidden: Iterable<string>, locked: Iterable<string>): ReadonlySet<string> {
  return new Set([...locked, ...hidden]);
}

/** Whether a config key lies in a held section. */
export function isHeld(key: string, held: ReadonlySet<string>): boolean {
  return held.has(sectionOf(key));
}

/**
 * `target` with every held key kept at its value in `current`; `kept` lists
 * the held keys the target would have changed.
 */
export function keepHeld(current: ExperimentConfig, target: ExperimentConfig, held: ReadonlySet<string>): { config: ExperimentConfig; kept: string[] } {
  const changes = changedSettings(target, current);
  const kept = Object.keys(changes).filter((k) => isHeld(k, held));
  const allowed = Object.fromEntries(Object.entries(changes).filter(([k]) => !isHeld(k, held)));
  return { config: applySettings(current, allowed).config, kept };
}

/** The held keys on which `config` differs from `current` (what a run would change that the link holds). */
export function heldDifferences(config: ExperimentConfig, current: ExperimentConfig, held: ReadonlySet<string>): string[] {
  return Object.keys(changedSettings(config, current)).filter((k) => isHeld(k, held));
}

/** 'task rotate instead of task letters': each key's value in `config` beside its value in `other`. */
export function heldDifferenceText(keys: readonly string[], config: ExperimentConfig, other: ExperimentConfig): string {
  const flat = flattenConfig(config);
  const otherFlat = flattenConfig(other);
  return keys.map((k) => `${settingText(k, flat[k], config)} instead of ${settingText(k, otherFlat[k], other)}`).join(', ');
}
