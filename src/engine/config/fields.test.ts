import { describe, expect, it } from 'vitest';
import { configFields } from './fields';
import { CONFIG_KEYS } from './keys';
import { REG_KINDS, STRENGTH_SLIDERS } from './schema';

describe('config fields', () => {
  it('describe every key, read from the schema', () => {
    expect(Object.keys(configFields()).sort()).toEqual([...CONFIG_KEYS].sort());
    expect(configFields().steps).toMatchObject({ kind: 'number', min: 1, max: 5000, integer: true });
    expect(configFields().lr).toMatchObject({ kind: 'number', min: 0, minExclusive: true, max: 10 });
    expect(configFields()['reg.kind']).toEqual({ kind: 'enum', values: REG_KINDS });
  });

  it('keep every slider inside what the schema accepts', () => {
    for (const [key, field] of Object.entries(configFields())) {
      if (field.kind !== 'number') continue;
      const hints = [field.slider, ...Object.values(field.sliderBy?.hints ?? {})].filter((h) => h !== undefined);
      for (const h of hints) {
        expect(h.min, key).toBeGreaterThanOrEqual(field.min);
        expect(h.max, key).toBeLessThanOrEqual(field.max);
        expect(h.min, key).toBeLessThan(h.max);
        if (h.log) expect(h.min, key).toBeGreaterThan(0);
      }
    }
  });

  it('reach the strengths where each regulariser shows its trade-off (EWC up to 1e5)', () => {
    expect(configFields()['reg.strength']).toMatchObject({ sliderBy: { key: 'reg.kind' } });
    expect(STRENGTH_SLIDERS.ewc.max).toBe(1e5);
    expect(STRENGTH_SLIDERS.clamp.min).toBeLessThanOrEqual(1e-3);
  });
});
