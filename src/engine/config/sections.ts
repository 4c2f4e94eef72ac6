/**
 * The config's sections, as the page groups its controls and as share links
 * name them to hide or lock (`hide=reg,lora&lock=task`). Every key belongs to
 * exactly one section; `presets` is the page's preset bar, not config keys.
 */
import { CONFIG_KEYS } from './keys';

export const SECTIONS = ['task', 'method', 'lora', 'freeze', 'mix', 'reg', 'lr', 'run'] as const;
export type Section = (typeof SECTIONS)[number];

/** What a link may hide or lock: the sections, and the preset bar. */
export const HIDEABLE = [...SECTIONS, 'presets'] as const;

const KEYS_OF: Record<Section, (key: string) => boolean> = {
  task: (k) => ['scenario', 'domain', 'domainHash', 'domainName', 'task', 'mode', 'stream', 'stageSteps', 'start'].includes(k),
  method: (k) => k === 'method',
  lora: (k) => k.startsWith('lora.'),
  freeze: (k) => k.startsWith('freeze.'),
  mix: (k) => k === 'mix' || k === 'replay',
  reg: (k) => k.startsWith('reg.'),
  lr: (k) => ['lr', 'schedule', 'warmup', 'optimizer', 'weightDecay', 'clipNorm', 'stageSchedule'].includes(k),
  run: (k) => ['steps', 'batchSize', 'evalEvery', 'liveEvalSize', 'seed'].includes(k),
};

export function sectionOf(key: string): Section {
  const section = SECTIONS.find((s) => KEYS_OF[s](key));
  if (!section) throw new Error(`config key '${key}' belongs to no section`);
  return section;
}

export function keysOf(section: Section): string[] {
  return CONFIG_KEYS.filter((k) => KEYS_OF[section](k));
}
