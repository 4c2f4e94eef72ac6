/** Every lesson is well formed: its presets and settings exist, it uses only earlier steps, its terms are in the glossary. */
import { describe, expect, it } from 'vitest';
import { applySettings } from '../engine/config/keys';
import { findPreset, presetConfig } from '../engine/config/presets';
import { glossaryEntry } from './glossary';
import { LESSONS } from './lessons';

describe.each(LESSONS.map((l) => [l.id, l] as const))('lesson %s', (_, lesson) => {
  it('has unique step ids, valid set-ups, and compares only with earlier steps that run', () => {
    const ids = lesson.steps.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    lesson.steps.forEach((step, i) => {
      if (step.setup) {
        expect(applySettings(presetConfig(step.setup.preset), step.setup.settings ?? {}).errors).toEqual([]);
        expect(findPreset(step.setup.preset)?.scenario, `${step.id}'s preset is of the lesson's scenario`).toBe(lesson.scenario);
      }
      for (const used of step.uses ?? []) {
        const earlier = lesson.steps.findIndex((s) => s.id === used);
        expect(earlier, `${step.id} uses ${used}`).toBeGreaterThanOrEqual(0);
        expect(earlier).toBeLessThan(i);
        expect(lesson.steps[earlier].setup, `${used} sets up a run`).not.toBeNull();
      }
      expect(step.needs ?? 0).toBeLessThanOrEqual(step.uses?.length ?? 0);
      for (const term of step.terms ?? []) expect(glossaryEntry(term), term).toBeDefined();
    });
  });
});

describe('the lessons', () => {
  it('have unique ids, one of them for each scenario', () => {
    expect(new Set(LESSONS.map((l) => l.id)).size).toBe(LESSONS.length);
    expect(LESSONS.map((l) => l.scenario).sort()).toEqual(['skills', 'text']);
  });
});
