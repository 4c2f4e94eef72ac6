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
