import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { configFields, type Field } from '../engine/config/fields';
import { CONFIG_KEYS, unflattenConfig } from '../engine/config/keys';
import { allPresets, presetConfig } from '../engine/config/presets';
import { CONFIG_VERSION, configSchema, defaultConfig } from '../engine/config/schema';
import type { ExperimentEvent } from '../engine/experiment/events';
import { decodeLink, encodeLink, MAX_LINK_CHARS, MAX_RESULTS_CHARS } from './link';
import { compareWithShared, decodeResults, encodeResults, fromSharedRun, toSharedRun } from './results';

/** A value of each key's field (fields.ts, read from the schema): every key, every range. */
function arbitraryFor(field: Field): fc.Arbitrary<unknown> {
  switch (field.kind) {
    case 'number':
      if (field.integer) return fc.integer({ min: field.min, max: field.max });
      return fc.double({ min: field.min, max: field.max, noNaN: true, minExcluded: field.minExclusive });
    case 'enum':
      return fc.constantFrom(...field.values);
    case 'boolean':
      return fc.boolean();
    case 'list':
      return fc.subarray([...field.values], { minLength: field.minLength });
    case 'string':
      // domainHash and domainName: empty, or a sha256 (also a valid name).
      return fc.constantFrom('', 'c0ffee'.repeat(10) + 'beef');
  }
}

/** Arbitrary valid configs, drawn inside the schema's ranges, over every key. */
const validConfig = fc
  .record(Object.fromEntries(Object.entries(configFields()).map(([key, field]) => [key, arbitraryFor(field)])))
  .map((flat) => configSchema.parse(unflattenConfig(flat)));

describe('share links', () => {
  it('round-trip every preset, with instructor options', () => {
    for (const p of allPresets()) {
      const config = { ...presetConfig(p.name), seed: 42 };
      const { query } = encodeLink(config, { preset: p.name, hide: ['reg', 'lora'], lock: ['task'] });
      const back = decodeLink(`https://lab.example/${query}`);
      expect(back.errors).toEqual([]);
      expect(back.config).toEqual(config);
      expect(back.preset).toBe(p.name);
      expect(back.hide).toEqual(['reg', 'lora']);
      expect(back.lock).toEqual(['task']);
    }
  });

  it('hold only the keys that differ from the defaults, the seed and the version', () => {
    const { query } = encodeLink(configSchema.parse({ mix: 0.25, seed: 1 }));
    expect(query).toBe(`?v=${CONFIG_VERSION}&mix=0.25&seed=1`);
  });

  it('round-trip random valid configs', () => {
    fc.assert(
      fc.property(validConfig, (config) => {
        const back = decodeLink(encodeLink(config).query);
        expect(back.errors).toEqual([]);
        expect(back.config).toEqual(config);
      }),
      { numRuns: 300 },
    );
  });

  it('name every rejected part and keep defaults for it', () => {
    const back = decodeLink('?v=1&mix=2&lr=fast&colour=red&lora.rank=8&hide=reg,bogus&preset=nope&backend=tpu&r=garbage');
    expect(back.errors.map((e) => e.key).sort()).toEqual(['backend', 'colour', 'hide', 'lr', 'mix', 'preset', 'r']);
    expect(back.config.mix).toBe(defaultConfig().mix);
    expect(back.config.lr).toBe(defaultConfig().lr);
    expect(back.config.lora.rank).toBe(8);
    expect(back.hide).toEqual(['reg']);
  });

  it('refuse the settings of another version by name', () => {
    const back = decodeLink('?v=99&mix=0.5');
    expect(back.config).toEqual(defaultConfig());
    expect(back.errors.map((e) => e.key)).toEqual(['v', 'mix']);
  });

  it("read a version-1 link with version 1's defaults for the keys whose default changed since", () => {
    const back = decodeLink('http://localhost:4455/?v=1&mix=0.5&seed=3');
    expect(back.errors).toEqual([]);
    expect(back.config).toMatchObject({ mix: 0.5, seed: 3, evalEvery: 25, liveEvalSize: 128 });
    // Said explicitly, a v1 value wins over the old default.
    expect(decodeLink('?v=1&evalEvery=5').config.evalEvery).toBe(5);
  });

  it('give no notice for the plain address, one with only a fragment, or a bare query', () => {
    for (const plain of ['http://localhost:4455/', 'http://localhost:4455/#', 'http://localhost:4455/#intro', 'https://lab.example.org/forgetting/']) {
      const back = decodeLink(plain);
      expect(back.errors, plain).toEqual([]);
      expect(back.config).toEqual(defaultConfig());
    }
    expect(decodeLink('v=2&mix=0.5').config.mix).toBe(0.5);
  });

  it('refuse oversize links without reading them', () => {
    const back = decodeLink(`?v=1&mix=${'1'.repeat(MAX_LINK_CHARS)}`);
    expect(back.errors[0].key).toBe('(link)');
    expect(back.config).toEqual(defaultConfig());
  });

  it('decode 2,000 generated links to a valid config or named errors, never a throw', () => {
    const keys = [...CONFIG_KEYS, 'v', 'preset', 'hide', 'lock', 'r', 'backend', '__proto__', 'constructor', 'lora', '<script>'];
    const value = fc.oneof(
      fc.string(),
      fc.constantFrom('<img src=x onerror=alert(1)>', 'NaN', 'Infinity', '-0', '1e400', '', ',,,', 'true', '%E0%A4%A'),
      fc.double().map(String),
      fc.integer().map(String),
      fc.base64String(),
    );
    const param = fc.tuple(fc.oneof(fc.constantFrom(...keys), fc.string()), value);
    const link = fc.oneof(
      fc.array(param, { maxLength: 12 }).map((ps) => '?' + ps.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&')),
      fc.string({ maxLength: 300 }),
      fc.array(param, { maxLength: 6 }).map((ps) => 'https://x/?' + ps.map(([k, v]) => `${k}=${v}`).join('&') + '#frag'),
    );
    fc.assert(
      fc.property(link, (text) => {
        const state = decodeLink(text);
        expect(configSchema.safeParse(state.config).success).toBe(true);
        for (const e of state.errors) {
          expect(typeof e.key).toBe('string');
          expect(e.message.length).toBeGreaterThan(0);
          expect(e.key.length).toBeLessThanOrEqual(41);
        }
        expect(Array.isArray(state.results)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});

const score = (acc: number) => ({ acc, tokenAcc: acc, loss: 1 - acc });
const evalOf = (task: number, g: number) => ({ task: score(task), general: { copy: score(g), sort: score(g) }, generalAcc: g, generalTokenAcc: g });
const events: ExperimentEvent[] = [
  { type: 'start', config: defaultConfig(), backend: 'wasm', params: { total: 1, trainable: 1 } },
  { type: 'baseline', eval: evalOf(0, 1), evalSize: 128, samples: [] },
  { type: 'step', step: 1, loss: 1, lr: 1e-3 },
  { type: 'eval', step: 25, eval: evalOf(0.3125, 0.5078125), evalSize: 128, drift: { total: 2, byLayer: { 'h0.attn.q': 1.5 } }, samples: [] },
  { type: 'done', summary: { taskGain: 0.3125, forgetting: 0.4921875, taskAcc: 0.3125, generalAcc: 0.5078125, taskTokenAcc: 0.3, generalTokenAcc: 0.5, steps: 25, msPerStep: 70.123456, trainableParams: 9 } },
];
const run = { name: 'mix', backend: 'wasm', config: configSchema.parse({ mix: 0.25, seed: 3 }), events };

describe('shared results', () => {
  it('carry what the charts need and come back as events', () => {
    const shared = toSharedRun(run)!;
    const decoded = decodeResults(encodeResults([shared]));
    expect(decoded.error).toBeUndefined();
    const back = fromSharedRun(decoded.runs[0]);
    expect(back.errors).toEqual([]);
    expect(back.config).toEqual(run.config);
    expect(back.events.map((e) => e.type)).toEqual(['baseline', 'eval', 'done']);
    const evalEvent = back.events[1] as Extract<ExperimentEvent, { type: 'eval' }>;
    expect(evalEvent.eval.task.acc).toBe(0.3125);
    expect(evalEvent.eval.generalAcc).toBeCloseTo(0.5078125, 5);
    expect(evalEvent.drift.byLayer['h0.attn.q']).toBe(1.5);
  });

  it('say whether a re-run matched, and where it did not', () => {
    const shared = toSharedRun(run)!;
    expect(compareWithShared(shared, run).match).toBe(true);
    const changed = events.map((e) => (e.type === 'eval' ? { ...e, eval: evalOf(0.3125, 0.5) } : e));
    const verdict = compareWithShared(shared, { config: run.config, events: changed });
    expect(verdict.match).toBe(false);
    expect(verdict.detail).toMatch(/step 25/);
  });

  it('travel in the fragment, where no server sees them; older ?r= links and the other parameters still read', () => {
    const shared = toSharedRun(run)!;
    const { query, fragment, href } = encodeLink(configSchema.parse({ mix: 0.25, seed: 4 }), { results: [shared], lock: ['task'], participant: 'Ana' });
    expect(query).not.toContain('r=');
    expect(fragment).toMatch(/^#r=[^&]+$/);
    expect(href).toBe(`${query}${fragment}`);
    const old = `${query}&${fragment.slice(1)}`;
    for (const link of [`https://lab.example/${href}`, `https://lab.example/${old}`, href]) {
      const back = decodeLink(link);
      expect(back.errors, link).toEqual([]);
      expect(back.results.map((r) => r.name), link).toEqual([run.name]);
      expect(back.config.mix, link).toBe(0.25);
      expect(back.config.seed, link).toBe(4);
      expect(back.lock, link).toEqual(['task']);
      expect(back.participant, link).toBe('Ana');
    }
    // A parameter added after the fragment (`…#r=…&backend=wasm`) is read as well.
    expect(decodeLink(`https://lab.example/${href}&backend=wasm`).backend).toBe('wasm');
    // Results in the fragment do not count against a query's length: the query stays short.
    expect(query.length).toBeLessThan(100);
  });

  it('fit a size bound by keeping the newest runs that fit', () => {
    // Realistic runs: seven evaluations of five skills and twenty drift values each, all different.
    let x = 1;
    const noise = () => ((x = (x * 16807) % 2147483647) % 128) / 128;
    const realistic = (i: number) => {
      const shared = toSharedRun(run)!;
      const points = Array.from({ length: 7 }, (_, k) => ({
        step: 25 * k,
        scores: Object.fromEntries(['task:letters', 'copy', 'reverse', 'sort', 'successor'].map((s) => [s, [noise(), noise(), 3 * noise()] as [number, number, number]])),
      }));
      const drift = Object.fromEntries(Array.from({ length: 20 }, (_, k) => [`h${k}.mlp.up`, noise() * 2]));
      return { ...shared, name: `run ${i}`, settings: { seed: i, mix: i / 100 }, points, drift };
    };
    const many = Array.from({ length: 20 }, (_, i) => realistic(i));
    const { href, trimmed } = encodeLink(run.config, { results: many.slice(0, 20) });
    expect(href.length).toBeLessThanOrEqual(MAX_RESULTS_CHARS);
    const back = decodeLink(href);
    expect(trimmed).toBeGreaterThan(0);
    expect(back.results.length + trimmed).toBe(20);
    expect(back.results.at(-1)!.name).toBe('run 19');
  });

  it('report truncated or garbled results as an error, not a crash', () => {
    const good = encodeResults([toSharedRun(run)!]);
    for (const bad of [good.slice(0, good.length / 2), good.replace(/[A-M]/g, 'z'), 'x'.repeat(50), encodeURIComponent('{"a":1}')]) {
      const decoded = decodeResults(bad);
      expect(decoded.runs).toEqual([]);
      expect(decoded.error).toMatch(/garbled|cut short|not in a form/);
    }
  });
});
