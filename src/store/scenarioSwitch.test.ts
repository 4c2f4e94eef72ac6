/** Switching scenario in the controls: the other model brings its own starting settings and presets. */
import { beforeEach, describe, expect, it } from 'vitest';
import { presetConfig } from '../engine/config/presets';
import { useConfigStore } from './configStore';

beforeEach(() => useConfigStore.getState().reset());

describe('choosing a scenario', () => {
  it('starts from that scenario’s first preset, keeping the seed', () => {
    const store = useConfigStore.getState();
    store.set('mix', 0.5);
    store.set('scenario', 'text');
    expect(useConfigStore.getState().config).toEqual(presetConfig('text-ignore'));
    expect(useConfigStore.getState().preset).toBe('text-ignore');
    useConfigStore.getState().set('scenario', 'skills');
    useConfigStore.getState().set('seed', 5);
    useConfigStore.getState().set('scenario', 'text');
    expect(useConfigStore.getState().config).toEqual({ ...presetConfig('text-ignore'), seed: 5 });
    useConfigStore.getState().set('seed', 1);
    // Editing within the scenario is an ordinary edit; a text preset applies as any other.
    useConfigStore.getState().set('domain', 'near');
    expect(useConfigStore.getState().preset).toBe('text-near');
    useConfigStore.getState().applyPreset('text-mix');
    expect(useConfigStore.getState().config.mix).toBe(0.25);
    useConfigStore.getState().set('scenario', 'skills');
    expect(useConfigStore.getState().config).toEqual(presetConfig('ignore'));
  });

  it('leaves the config alone when the scenario is the one it has, and names a bad one', () => {
    const store = useConfigStore.getState();
    store.set('mix', 0.5);
    store.set('scenario', 'skills');
    expect(useConfigStore.getState().config.mix).toBe(0.5);
    store.set('scenario', 'poetry');
    expect(useConfigStore.getState().errors.map((e) => e.key)).toEqual(['scenario']);
    expect(useConfigStore.getState().config.scenario).toBe('skills');
  });
});

describe('one start per scenario, the same in the page, links and the command line', () => {
  it('opens on a plain ?scenario=text link exactly what choosing text in the page opens', async () => {
    const { decodeLink, encodeLink } = await import('../share/link');
    const { configFromOptions } = await import('../../scripts/lib/experimentConfig');
    useConfigStore.getState().set('scenario', 'skills');
    useConfigStore.getState().set('seed', 1);
    useConfigStore.getState().set('scenario', 'text');
    const chosen = useConfigStore.getState().config;
    expect(chosen).toMatchObject({ batchSize: 8, steps: 200 });
    expect(decodeLink('http://lab.example/?scenario=text').config).toEqual(chosen);
    expect(decodeLink(`http://lab.example/?v=3&scenario=text&seed=1`).config).toEqual(chosen);
    // The page's own link for it holds nothing but the scenario and the seed.
    expect(encodeLink(chosen).query).toBe('?v=3&scenario=text&seed=1');
    expect(await configFromOptions({ sets: ['scenario=text'] })).toEqual(chosen);
  });

  it('reads an older link with its version’s defaults: a v2 text link started from the schema’s (batch 32, 150 steps)', async () => {
    const { decodeLink } = await import('../share/link');
    const old = decodeLink('http://lab.example/?v=2&scenario=text&mix=0.25&seed=4');
    expect(old.errors).toEqual([]);
    expect(old.config).toMatchObject({ scenario: 'text', batchSize: 32, steps: 150, evalEvery: 10, mix: 0.25, seed: 4 });
    // A v2 link made from the text presets named their settings, and still opens them.
    const preset = decodeLink('http://lab.example/?v=2&preset=text-mix&seed=2');
    expect(preset.config).toMatchObject({ scenario: 'text', batchSize: 8, steps: 200, mix: 0.25, seed: 2 });
  });
});
