import { describe, expect, it } from 'vitest';
import { applySettings, changedSettings, CONFIG_KEYS, flattenConfig, resolveConfig, unflattenConfig } from './keys';
import { configSchema, defaultConfig } from './schema';

describe('config keys', () => {
  it('spell nested settings with dots', () => {
    expect(CONFIG_KEYS).toContain('lr');
    expect(CONFIG_KEYS).toContain('lora.rank');
    expect(CONFIG_KEYS).toContain('reg.kind');
    expect(unflattenConfig(flattenConfig(defaultConfig()))).toEqual(defaultConfig());
  });

  it('read text values into the key type and apply them', () => {
    const { config, errors } = applySettings(
      defaultConfig(),
      { lr: '3e-4', 'lora.rank': '8', 'lora.rslora': 'true', 'lora.targets': 'q,v', task: 'rotate' },
      { fromText: true },
    );
    expect(errors).toEqual([]);
    expect(config.lr).toBe(3e-4);
    expect(config.lora.rank).toBe(8);
    expect(config.lora.rslora).toBe(true);
    expect(config.lora.targets).toEqual(['q', 'v']);
    expect(config.task).toBe('rotate');
  });

  it('name each bad key, keep its default, and apply the good ones', () => {
    const { config, errors } = applySettings(
      defaultConfig(),
      { lr: 'fast', steps: '0', 'lora.rank': '4.5', colour: 'red', task: 'juggling', mix: '0.25' },
      { fromText: true },
    );
    expect(errors.map((e) => e.key).sort()).toEqual(['colour', 'lora.rank', 'lr', 'steps', 'task']);
    expect(errors.find((e) => e.key === 'colour')!.message).toMatch(/unknown/);
    expect(config.lr).toBe(defaultConfig().lr);
    expect(config.steps).toBe(defaultConfig().steps);
    expect(config.mix).toBe(0.25);
  });

  it('reject a whole config object with unknown or invalid keys by name', () => {
    const { config, errors } = resolveConfig({ lr: -1, lora: { rank: 2, bogus: 1 }, batchSize: 16 });
    expect(errors.map((e) => e.key).sort()).toEqual(['lora.bogus', 'lr']);
    expect(config.lora.rank).toBe(2);
    expect(config.batchSize).toBe(16);
    expect(resolveConfig('nope').errors[0].key).toBe('(config)');
    expect(resolveConfig(JSON.parse('{"__proto__": {"lr": 5}}')).config.lr).toBe(defaultConfig().lr);
  });

  it('list only the settings that differ from the defaults', () => {
    const config = configSchema.parse({ mix: 0.5, lora: { rank: 16 } });
    expect(changedSettings(config)).toEqual({ mix: 0.5, 'lora.rank': 16 });
    expect(changedSettings(defaultConfig())).toEqual({});
  });
});
