import { describe, expect, it } from 'vitest';
import { configChanges, describeChanges } from './diff';
import { configSchema, defaultConfig } from './schema';

describe('config diff text', () => {
  it('names each changed key with its old and new value, in schema order', () => {
    const a = defaultConfig();
    const b = configSchema.parse({ method: 'lora', mix: 0.25, lora: { rank: 8 } });
    expect(describeChanges(a, b)).toBe('method full→lora, mix 0→0.25, lora.rank 4→8');
  });

  it('says so when nothing changed', () => {
    expect(describeChanges(defaultConfig(), defaultConfig())).toBe('same config');
    expect(configChanges(defaultConfig(), defaultConfig())).toEqual([]);
  });

  it('writes lists and small numbers readably', () => {
    const b = configSchema.parse({ lr: 0.0001, lora: { targets: ['q', 'v'] } });
    expect(describeChanges(defaultConfig(), b)).toBe('lr 0.001→0.0001, lora.targets q+k+v+o+up+down→q+v');
  });
});
