import { describe, expect, it } from 'vitest';
import { CONFIG_KEYS } from './keys';
import { HIDEABLE, keysOf, SECTIONS, sectionOf } from './sections';

describe('config sections', () => {
  it('put every config key in exactly one section', () => {
    const covered = SECTIONS.flatMap((s) => keysOf(s));
    expect([...covered].sort()).toEqual([...CONFIG_KEYS].sort());
    for (const key of CONFIG_KEYS) expect(keysOf(sectionOf(key))).toContain(key);
  });

  it('are what a link may hide or lock, with the preset bar', () => {
    expect(HIDEABLE).toEqual([...SECTIONS, 'presets']);
    expect(keysOf('lora')).toContain('lora.rank');
    expect(keysOf('run')).toEqual(expect.arrayContaining(['steps', 'seed', 'evalEvery']));
  });
});
