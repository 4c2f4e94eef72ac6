/** The one rule for hidden and locked sections: a hidden section is held like a locked one. */
import { describe, expect, it } from 'vitest';
import { applySettings } from '../engine/config/keys';
import { presetConfig } from '../engine/config/presets';
import { defaultConfig } from '../engine/config/schema';
import { heldDifferences, heldDifferenceText, heldSections, isHeld, keepHeld } from './heldSections';

const set = (settings: Record<string, unknown>) => applySettings(defaultConfig(), settings).config;

describe('held sections', () => {
  it('hold the hidden sections as well as the locked ones', () => {
    const held = heldSections(['reg'], ['task']);
    expect([...held].sort()).toEqual(['reg', 'task']);
    expect(isHeld('reg.kind', held)).toBe(true);
    expect(isHeld('task', held)).toBe(true);
    expect(isHeld('mix', held)).toBe(false);
    expect(heldSections([], []).size).toBe(0);
  });

  it('keep every held key where it is and let the rest change, naming what they kept', () => {
    const current = set({ task: 'rotate', mix: 0.1 });
    // The regularize preset switches EWC on: with reg hidden, it may not.
    const target = presetConfig('regularize');
    expect(target.reg.kind).not.toBe(current.reg.kind);
    const { config, kept } = keepHeld(current, target, heldSections(['reg'], ['task']));
    expect(config.reg).toEqual(current.reg);
    expect(config.task).toBe('rotate');
    expect(config.mix).toBe(target.mix);
    expect(kept).toContain('reg.kind');
    expect(kept).toContain('task');
    expect(kept).not.toContain('mix');
    // Nothing held: the target whole.
    expect(keepHeld(current, target, new Set()).config).toEqual(target);
  });

  it('find the held settings a run would change, and say them with the held value beside', () => {
    const current = defaultConfig();
    const shared = set({ task: 'rotate', mix: 0.5 });
    expect(heldDifferences(shared, current, heldSections([], ['task']))).toEqual(['task']);
    expect(heldDifferences(shared, current, heldSections(['mix'], []))).toEqual(['mix']);
    expect(heldDifferences(shared, current, heldSections(['reg'], ['lr']))).toEqual([]);
    expect(heldDifferenceText(['task'], shared, current)).toBe('task rotate instead of task letters');
  });
});
