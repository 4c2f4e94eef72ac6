/** The five strategies the introduction names: each a lever every scenario tries with exactly one preset, each with a glossary entry. */
import { expect, it } from 'vitest';
import { presetsFor } from '../engine/config/presets';
import { LEVERS } from '../engine/scenarios/descriptor';
import { SCENARIOS } from '../engine/scenarios/names';
import { glossaryEntry } from './glossary';
import { STRATEGIES } from './strategies';

it('names the five levers once each, each with a glossary entry', () => {
  expect(STRATEGIES.map((s) => s.lever).sort()).toEqual([...LEVERS].sort());
  for (const s of STRATEGIES) expect(glossaryEntry(s.term), s.term).toBeDefined();
});

it('has, in every scenario, exactly one preset per lever', () => {
  for (const scenario of SCENARIOS) {
    for (const lever of LEVERS) expect(presetsFor(scenario).filter((p) => p.lever === lever).map((p) => p.name), `${scenario} ${lever}`).toHaveLength(1);
  }
});
