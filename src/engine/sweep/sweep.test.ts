import { describe, expect, it } from 'vitest';
import { configFields } from '../config/fields';
import { applySettings, CONFIG_KEYS } from '../config/keys';
import { presetConfig } from '../config/presets';
import { defaultConfig, REG_KINDS } from '../config/schema';
import { expandSweep, suggestedValues, sweepableKeys } from './sweep';

const base = defaultConfig();

describe('sweep expansion', () => {
  it('runs every value over every seed, seeds inside each value, labelled by value', () => {
    const { runs, axes, errors } = expandSweep({ base, axes: [{ key: 'mix', values: [0, 0.5, 0.25] }], seeds: [1, 2] });
    expect(errors).toEqual([]);
    expect(axes).toEqual([{ key: 'mix', values: [0, 0.5, 0.25] }]);
    expect(runs.map((r) => [r.label, r.seed])).toEqual([
      ['mix 0', 1],
      ['mix 0', 2],
      ['mix 0.5', 1],
      ['mix 0.5', 2],
      ['mix 0.25', 1],
      ['mix 0.25', 2],
    ]);
    expect(runs[2].config).toEqual({ ...base, mix: 0.5, seed: 1 });
    expect(runs[2].values).toEqual({ mix: 0.5 });
  });

  it('crosses two axes, the first outermost', () => {
    const { runs, errors } = expandSweep({ base, axes: [{ key: 'lr', values: [1e-3, 1e-4] }, { key: 'mix', values: [0, 0.5] }], seeds: [7] });
    expect(errors).toEqual([]);
    expect(runs.map((r) => r.label)).toEqual(['lr 0.001 · mix 0', 'lr 0.001 · mix 0.5', 'lr 1e-4 · mix 0', 'lr 1e-4 · mix 0.5']);
    expect(runs.map((r) => [r.config.lr, r.config.mix, r.config.seed])).toEqual([
      [1e-3, 0, 7],
      [1e-3, 0.5, 7],
      [1e-4, 0, 7],
      [1e-4, 0.5, 7],
    ]);
  });

  it('name each bad value by key and value, run the good ones, and never throw', () => {
    const { runs, axes, errors } = expandSweep({ base, axes: [{ key: 'mix', values: [0, 2, 'lots', 0.5] }], seeds: [1, -1] });
    expect(axes).toEqual([{ key: 'mix', values: [0, 0.5] }]);
    expect(runs.map((r) => `${r.label}/${r.seed}`)).toEqual(['mix 0/1', 'mix 0.5/1']);
    expect(errors.map((e) => e.key)).toEqual(['mix', 'mix', 'seed']);
    expect(errors[0].message).toMatch(/^2: /);
    expect(errors[1].message).toMatch(/^lots: /);
    expect(errors[2].message).toMatch(/^-1: /);
  });

  it('read values written as text, naming bad text, and drop duplicates after reading', () => {
    const { axes, runs, errors } = expandSweep(
      { base, axes: [{ key: 'mix', values: ['0', '.5', '0.50', 'half'] }, { key: 'lora.targets', values: ['q,v', 'q, v', 'q,z'] }], seeds: [1] },
      { fromText: true },
    );
    expect(axes).toEqual([
      { key: 'mix', values: [0, 0.5] },
      { key: 'lora.targets', values: [['q', 'v']] },
    ]);
    expect(runs.map((r) => r.label)).toEqual(['mix 0 · LoRA on q+v', 'mix 0.5 · LoRA on q+v']);
    expect(errors).toHaveLength(2);
    expect(errors[0]).toEqual({ key: 'mix', message: expect.stringContaining("'half'") });
    expect(errors[1]).toEqual({ key: 'lora.targets', message: expect.stringMatching(/^'q,z': /) });
  });

  it('drop duplicate values and seeds', () => {
    const { runs } = expandSweep({ base, axes: [{ key: 'lora.rank', values: [4, 16, 4] }], seeds: [3, 3, 1] });
    expect(runs.map((r) => `${r.label}/${r.seed}`)).toEqual(['LoRA r4/3', 'LoRA r4/1', 'LoRA r16/3', 'LoRA r16/1']);
  });

  it('refuse what is not a sweep, by name', () => {
    const keysOf = (spec: Parameters<typeof expandSweep>[0]) => expandSweep(spec).errors.map((e) => e.key);
    expect(keysOf({ base, axes: [], seeds: [1] })).toEqual(['(axes)']);
    const three = [{ key: 'mix', values: [0] }, { key: 'lr', values: [1e-3] }, { key: 'steps', values: [5] }];
    expect(keysOf({ base, axes: three, seeds: [1] })).toEqual(['(axes)']);
    expect(expandSweep({ base, axes: three, seeds: [1] }).runs).toHaveLength(1);
    expect(keysOf({ base, axes: [{ key: 'colour', values: [1, 2] }], seeds: [1] })).toEqual(['colour']);
    expect(keysOf({ base, axes: [{ key: 'seed', values: [1, 2] }], seeds: [1] })).toEqual(['seed']);
    expect(keysOf({ base, axes: [{ key: 'mix', values: [0] }, { key: 'mix', values: [0.5] }], seeds: [1] })).toEqual(['mix']);
    expect(keysOf({ base, axes: [{ key: 'mix', values: [] }], seeds: [1] })).toEqual(['mix']);
    expect(keysOf({ base, axes: [{ key: 'mix', values: [0] }], seeds: [] })).toEqual(['seed']);
  });

  it('label λ and δ by the regulariser of the run', () => {
    const ewc = applySettings(base, { 'reg.kind': 'ewc' }).config;
    expect(expandSweep({ base: ewc, axes: [{ key: 'reg.strength', values: [1000] }], seeds: [1] }).runs[0].label).toBe('EWC λ 1000');
    const both = expandSweep({ base, axes: [{ key: 'reg.kind', values: ['l2sp', 'clamp'] }, { key: 'reg.strength', values: [0.01] }], seeds: [1] });
    expect(both.runs.map((r) => r.label)).toEqual(['L2-SP λ 0.01', 'clamp δ 0.01']);
  });

  it('start from the base config, a preset for instance', () => {
    const { runs } = expandSweep({ base: presetConfig('lora'), axes: [{ key: 'lora.alpha', values: [8, 32] }], seeds: [2] });
    expect(runs.map((r) => [r.config.method, r.config.lora.rank, r.config.lora.alpha, r.label])).toEqual([
      ['lora', 4, 8, 'LoRA α8'],
      ['lora', 4, 32, 'LoRA α32'],
    ]);
  });
});

describe('sweepable keys and suggested values', () => {
  it('offer every numeric or choice key but the seed', () => {
    const keys = sweepableKeys();
    expect(keys).not.toContain('seed');
    expect(keys).not.toContain('lora.targets');
    for (const key of ['mix', 'lr', 'reg.strength', 'reg.kind', 'lora.rank', 'lora.rslora', 'task', 'freeze.blocks', 'batchSize', 'steps']) expect(keys).toContain(key);
    const fields = configFields();
    expect(keys).toEqual(CONFIG_KEYS.filter((k) => k !== 'seed' && k !== 'scenario' && ['number', 'enum', 'boolean'].includes(fields[k].kind)));
  });

  it('offer only the keys of the config’s scenario: a text sweep has domains, not tasks, and no sweep crosses scenarios', () => {
    const text = presetConfig('text-ignore');
    const keys = sweepableKeys(text);
    expect(keys).toContain('domain');
    for (const key of ['task', 'mode', 'scenario']) expect(keys).not.toContain(key);
    expect(sweepableKeys(base)).toContain('task');
    expect(sweepableKeys(base)).not.toContain('domain');
    expect(suggestedValues('domain', text)).toEqual(['code', 'near']);
    const { runs } = expandSweep({ base: text, axes: [{ key: 'domain', values: ['code', 'near'] }], seeds: [1] });
    expect(runs.map((r) => r.label)).toEqual(['code', 'near prose']);
  });

  it('suggest values inside the schema for every key, for every regulariser', () => {
    const fields = configFields();
    for (const kind of REG_KINDS) {
      const config = applySettings(base, { 'reg.kind': kind }).config;
      for (const key of [...sweepableKeys(), 'lora.targets']) {
        const values = suggestedValues(key, config);
        if (!(key === 'reg.strength' && kind === 'none')) expect(values.length, key).toBeGreaterThanOrEqual(2);
        expect(new Set(values.map((v) => JSON.stringify(v))).size, key).toBe(values.length);
        const field = fields[key];
        for (const v of values) {
          expect(applySettings(config, { [key]: v }).errors, `${key}=${v}`).toEqual([]);
          if (field.kind === 'number') {
            expect(v as number).toBeLessThanOrEqual(field.max);
            expect(v as number).toBeGreaterThanOrEqual(field.min);
            if (field.integer) expect(Number.isInteger(v)).toBe(true);
          }
          if (field.kind === 'enum') expect(field.values).toContain(v);
        }
        // And they expand into a valid sweep.
        if (values.length) expect(expandSweep({ base: config, axes: [{ key, values }], seeds: [1] }).errors).toEqual([]);
      }
    }
  });

  it('space strengths and rates by decades, the rest by what each key means', () => {
    const withKind = (kind: string) => applySettings(base, { 'reg.kind': kind }).config;
    expect(suggestedValues('reg.strength', withKind('l2sp'))).toEqual([0.01, 0.1, 1, 10, 100]);
    expect(suggestedValues('reg.strength', withKind('ewc'))).toEqual([0.1, 1, 10, 100, 1e3, 1e4, 1e5]);
    expect(suggestedValues('reg.strength', withKind('clamp'))).toEqual([0.001, 0.002, 0.005, 0.01]);
    expect(suggestedValues('reg.strength', base)).toEqual([]);
    expect(suggestedValues('lr', base)).toEqual([1e-4, 3e-4, 1e-3, 3e-3]);
    expect(suggestedValues('mix', base)).toEqual([0, 0.25, 0.5, 0.75]);
    expect(suggestedValues('lora.rank', base)).toEqual([1, 4, 16, 64]);
    expect(suggestedValues('batchSize', base)).toEqual([8, 16, 32, 64]);
    expect(suggestedValues('steps', base)).toEqual([75, 150, 300, 600]);
    expect(suggestedValues('reg.kind', base)).toEqual(['none', 'l2sp', 'ewc', 'clamp']);
    expect(suggestedValues('lora.rslora', base)).toEqual([false, true]);
    expect(suggestedValues('seed', base)).toEqual([]);
    // Near the schema's edges the suggestions stay inside it.
    expect(suggestedValues('steps', applySettings(base, { steps: 4000 }).config)).toEqual([2000, 4000]);
    expect(suggestedValues('batchSize', applySettings(base, { batchSize: 2 }).config)).toEqual([1, 2, 4]);
  });
});
