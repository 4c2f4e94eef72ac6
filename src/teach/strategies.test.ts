/** The five strategies the introduction names each try a different preset, and each has a glossary entry. */
import { expect, it } from 'vitest';
import { findPreset } from '../engine/config/presets';
import { glossaryEntry } from './glossary';
import { STRATEGIES } from './strategies';

it('names five different presets that exist, each with a glossary entry', () => {
  expect(new Set(STRATEGIES.map((s) => s.preset)).size).toBe(5);
  for (const s of STRATEGIES) {
    expect(findPreset(s.preset), s.preset).toBeDefined();
    expect(glossaryEntry(s.term), s.term).toBeDefined();
  }
});
