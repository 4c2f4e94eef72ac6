/** Lesson progress survives a reload and resets; a step sets the controls up through the config store, so locks hold. */
import { beforeEach, describe, expect, it } from 'vitest';
import type { LessonStep } from '../teach/lesson';
import { LESSONS } from '../teach/lessons';
import { useConfigStore } from './configStore';
import { createIntroStore } from './introStore';
import { createLessonStore } from './lessonStore';
import { useViewStore } from './viewStore';

function memoryStorage() {
  const items = new Map<string, string>();
  return { getItem: (k: string) => items.get(k) ?? null, setItem: (k: string, v: string) => void items.set(k, v), items };
}

const steps = LESSONS[0].steps;
const mixStep = steps.find((s) => s.id === 'mix')!;
const loraStep: LessonStep = { ...mixStep, id: 'custom', setup: { preset: 'lora', settings: { 'lora.rank': 16, mix: 0.5 } } };

beforeEach(() => {
  useConfigStore.getState().reset();
  useViewStore.getState().setGroups([], []);
});

describe('setting a step up', () => {
  it('applies its preset and settings, keeps the participant’s run settings, and records the config', () => {
    useConfigStore.getState().set('steps', 20);
    useConfigStore.getState().set('seed', 5);
    const store = createLessonStore(memoryStorage());
    expect(store.getState().setUp(loraStep)).toEqual({ kept: [] });
    const config = useConfigStore.getState().config;
    expect(config).toMatchObject({ method: 'lora', mix: 0.5, steps: 20, seed: 5 });
    expect(config.lora.rank).toBe(16);
    expect(store.getState().progress['five-levers'].setups.custom.config).toEqual(config);
  });

  it('leaves a locked section as it is and says which keys it kept', () => {
    useConfigStore.getState().set('task', 'rotate');
    useViewStore.getState().setGroups([], ['task', 'mix']);
    const store = createLessonStore(memoryStorage());
    const result = store.getState().setUp(loraStep);
    expect(result).toEqual({ kept: ['task', 'mix'] });
    expect(useConfigStore.getState().config).toMatchObject({ task: 'rotate', mix: 0, method: 'lora' });
  });

  it('does not set anything up when the presets are locked', () => {
    useViewStore.getState().setGroups([], ['presets']);
    const store = createLessonStore(memoryStorage());
    expect(store.getState().setUp(mixStep)).toMatchObject({ refused: expect.stringMatching(/locked the strategy presets/) });
    expect(useConfigStore.getState().config.mix).toBe(0);
  });
});

describe('progress', () => {
  it('comes back after a reload: the step shown, the set-ups, the open panel', () => {
    const storage = memoryStorage();
    const first = createLessonStore(storage);
    first.getState().setOpen(true);
    first.getState().setUp(mixStep);
    first.getState().goTo(2);
    const again = createLessonStore(storage);
    expect(again.getState().open).toBe(true);
    expect(again.getState().progress['five-levers'].step).toBe(2);
    expect(again.getState().progress['five-levers'].setups.mix.config.mix).toBe(0.25);
  });

  it('starts afresh from storage it cannot read, and drops set-ups of steps that no longer exist', () => {
    const storage = memoryStorage();
    storage.setItem('forgetting-lab:lesson', '{not json');
    expect(createLessonStore(storage).getState().progress).toEqual({});
    storage.setItem(
      'forgetting-lab:lesson',
      JSON.stringify({ lessonId: 'five-levers', open: true, progress: { 'five-levers': { step: 99, setups: { gone: { config: {}, kept: [] }, mix: { config: { mix: 2 }, kept: [] } } } } }),
    );
    const store = createLessonStore(storage);
    expect(store.getState().progress['five-levers']).toEqual({ step: steps.length - 1, setups: {} });
  });

  it('resets, and the reset can be undone', () => {
    const storage = memoryStorage();
    const store = createLessonStore(storage);
    store.getState().setUp(mixStep);
    store.getState().goTo(1);
    const undo = store.getState().reset();
    expect(store.getState().progress['five-levers']).toEqual({ step: 0, setups: {} });
    expect(createLessonStore(storage).getState().progress['five-levers']).toEqual({ step: 0, setups: {} });
    undo();
    expect(store.getState().progress['five-levers'].step).toBe(1);
  });
});

describe('the introduction', () => {
  it('opens for a first visit only, and can be reopened', () => {
    const storage = memoryStorage();
    const first = createIntroStore(storage);
    expect(first.getState().open).toBe(true);
    first.getState().setPage(2);
    first.getState().close();
    const later = createIntroStore(storage);
    expect(later.getState().open).toBe(false);
    later.getState().show();
    expect(later.getState()).toMatchObject({ open: true, page: 0 });
  });
});
