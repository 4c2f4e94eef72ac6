/** Lesson progress survives a reload and resets; a step sets the controls up through the config store, so locks hold. */
import { beforeEach, describe, expect, it } from 'vitest';
import { presetConfig } from '../engine/config/presets';
import type { LessonStep } from '../teach/lesson';
import { findLesson, LESSONS } from '../teach/lessons';
import { useConfigStore } from './configStore';
import { createIntroStore } from './introStore';
import { createLessonStore, setUpRefusal } from './lessonStore';
import { useViewStore } from './viewStore';

function memoryStorage() {
  const items = new Map<string, string>();
  return { getItem: (k: string) => items.get(k) ?? null, setItem: (k: string, v: string) => void items.set(k, v), items };
}

const steps = LESSONS[0].steps;
const mixStep = steps.find((s) => s.id === 'mix')!;
const loraStep: LessonStep = { ...mixStep, id: 'custom', setup: { preset: 'lora', settings: { 'lora.rank': 16, mix: 0.5 } } };
const textSteps = findLesson('english-forgets')!.steps;

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

  it('records when a step was set up, and keeps that time when it is set up again with the same levers', () => {
    const store = createLessonStore(memoryStorage());
    const before = Date.now();
    store.getState().setUp(mixStep);
    const at = store.getState().progress['five-levers'].setups.mix.at!;
    expect(at).toBeGreaterThanOrEqual(before);
    useConfigStore.getState().set('steps', 30);
    store.getState().setUp(mixStep);
    expect(store.getState().progress['five-levers'].setups.mix.at).toBe(at);
    // Other levers: a new set-up, a new time.
    useConfigStore.getState().set('lr', 1e-4);
    const later = { ...mixStep, setup: { preset: 'mix', settings: { lr: 1e-4 } } };
    store.getState().setUp(later);
    expect(store.getState().progress['five-levers'].setups.mix.config.lr).toBe(1e-4);
  });

  it('leaves a locked section as it is and says which keys it kept', () => {
    useConfigStore.getState().set('task', 'rotate');
    useViewStore.getState().setGroups([], ['task', 'mix']);
    const store = createLessonStore(memoryStorage());
    const result = store.getState().setUp(loraStep);
    expect(result).toEqual({ kept: ['task', 'mix'] });
    expect(useConfigStore.getState().config).toMatchObject({ task: 'rotate', mix: 0, method: 'lora' });
  });

  it('leaves a hidden section as it is, as a locked one', () => {
    useViewStore.getState().setGroups(['mix'], []);
    const store = createLessonStore(memoryStorage());
    expect(store.getState().setUp(mixStep)).toEqual({ kept: ['mix'] });
    expect(useConfigStore.getState().config.mix).toBe(0);
  });

  it('does not set anything up when the presets are locked', () => {
    useViewStore.getState().setGroups([], ['presets']);
    const store = createLessonStore(memoryStorage());
    expect(store.getState().setUp(mixStep)).toMatchObject({ refused: expect.stringMatching(/locked or hid the strategy presets/) });
    expect(useConfigStore.getState().config.mix).toBe(0);
  });
});

describe('setting up a step of the text lesson', () => {
  it('switches to the text scenario with its own run settings, keeping only the seed; later text steps keep the participant’s', () => {
    useConfigStore.getState().set('steps', 20);
    useConfigStore.getState().set('seed', 5);
    const store = createLessonStore(memoryStorage());
    store.getState().choose('english-forgets');
    expect(store.getState().setUp(textSteps[0])).toEqual({ kept: [] });
    // 200 steps of 8 windows, an evaluation every 25: the text preset's, not the skills run's 20 steps.
    expect(useConfigStore.getState().config).toEqual({ ...presetConfig('text-ignore'), seed: 5 });
    expect(store.getState().progress['english-forgets'].setups.code.config.scenario).toBe('text');
    useConfigStore.getState().set('steps', 50);
    store.getState().setUp(textSteps.find((s) => s.id === 'mix')!);
    expect(useConfigStore.getState().config).toEqual({ ...presetConfig('text-mix'), seed: 5, steps: 50 });
    // Back to a skills lesson: the skills scenario, its own run settings, the same seed.
    store.getState().choose('five-levers');
    store.getState().setUp(mixStep);
    expect(useConfigStore.getState().config).toEqual({ ...presetConfig('mix'), seed: 5 });
  });

  it('refuses, and says why, when the task section is locked on the other scenario', () => {
    useViewStore.getState().setGroups([], ['task']);
    const store = createLessonStore(memoryStorage());
    const refused = store.getState().setUp(textSteps[0]);
    expect(refused).toEqual({ refused: expect.stringMatching(/locked or hid the task section on the skills scenario.*English text scenario/) });
    expect(useConfigStore.getState().config.scenario).toBe('skills');
    // The same lock lets a skills step set up (the scenario is the one it has), and a step without a run needs nothing.
    expect(setUpRefusal(mixStep, 'skills', new Set(['task']))).toBeNull();
    expect(setUpRefusal(textSteps.find((s) => !s.setup)!, 'skills', new Set(['task', 'presets']))).toBeNull();
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

  it('keeps the lesson chosen and each lesson’s own progress across a reload; an unknown lesson is not chosen', () => {
    const storage = memoryStorage();
    const first = createLessonStore(storage);
    first.getState().goTo(2);
    first.getState().choose('english-forgets');
    first.getState().goTo(4);
    first.getState().choose('no-such-lesson');
    const again = createLessonStore(storage);
    expect(again.getState().lessonId).toBe('english-forgets');
    expect(again.getState().progress['english-forgets'].step).toBe(4);
    expect(again.getState().progress['five-levers'].step).toBe(2);
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
