/**
 * Where the participant is in the guided lessons: the step shown, and what
 * each step was set up with. Kept in localStorage so a reload (or a closed
 * Chromebook lid) resumes the lesson; answers are not stored, they are
 * recomputed from the runs. A step sets the controls through the config
 * store, so an instructor's locks hold.
 */
import { create } from 'zustand';
import { z } from 'zod';
import { flattenConfig, resolveConfig } from '../engine/config/keys';
import { findPreset } from '../engine/config/presets';
import { keysOf } from '../engine/config/sections';
import { isHeld } from '../share/heldSections';
import type { ScenarioName } from '../engine/scenarios/names';
import { describeScenario } from '../engine/scenarios/registry';
import type { LessonStep } from '../teach/lesson';
import { LESSONS } from '../teach/lessons';
import { leversChanged, type StepSetup } from '../teach/stepRun';
import { useConfigStore } from './configStore';
import { useNoticeStore } from './noticeStore';
import { useViewStore } from './viewStore';

interface LessonProgress {
  /** The step shown, by index. */
  step: number;
  setups: Record<string, StepSetup>;
}

export interface LessonState {
  lessonId: string;
  /** Whether the lesson panel is open (closed, it is one line). */
  open: boolean;
  progress: Record<string, LessonProgress>;
  setOpen: (open: boolean) => void;
  /** Shows another lesson, at the step where it was left. */
  choose: (lessonId: string) => void;
  /** Shows the scenario's own lesson (its descriptor's), unless the current one has been started. */
  followScenario: (scenario: ScenarioName) => void;
  goTo: (step: number) => void;
  /** Sets the controls up for a step; says which locked keys it left alone, or why it could not. */
  setUp: (step: LessonStep) => { kept: string[] } | { refused: string };
  /** Forgets the current lesson's progress; returns an undo. */
  reset: () => () => void;
}

type Storage = Pick<globalThis.Storage, 'getItem' | 'setItem'>;

const STORAGE_KEY = 'forgetting-lab:lesson';

const storedSchema = z.object({
  lessonId: z.string(),
  open: z.boolean(),
  progress: z.record(
    z.string(),
    z.object({
      step: z.number().int().min(0),
      setups: z.record(z.string(), z.object({ config: z.unknown(), kept: z.array(z.string()), at: z.number().optional() })),
    }),
  ),
});

const EMPTY: LessonProgress = { step: 0, setups: {} };

/**
 * Why a step cannot set up its run here, or null: the instructor locked the
 * presets, or locked the task section (where the scenario is) on another
 * scenario than the step's.
 */
export function setUpRefusal(step: LessonStep, scenario: ScenarioName, held: ReadonlySet<string>): string | null {
  if (!step.setup) return null;
  if (held.has('presets')) return 'Your instructor locked or hid the strategy presets, so a lesson cannot set up runs here.';
  const wanted = findPreset(step.setup.preset)?.scenario;
  if (wanted && wanted !== scenario && held.has('task')) {
    return `Your instructor locked or hid the task section on the ${describeScenario(scenario).label} scenario, so this lesson, which runs the ${describeScenario(wanted).label} scenario, cannot set up runs here.`;
  }
  return null;
}

/** Stored progress, checked: unknown lessons and set-ups whose config no longer reads are dropped. */
function restore(storage: Storage | undefined): Pick<LessonState, 'lessonId' | 'open' | 'progress'> | null {
  try {
    const parsed = storedSchema.safeParse(JSON.parse(storage?.getItem(STORAGE_KEY) ?? 'null'));
    if (!parsed.success || !LESSONS.some((l) => l.id === parsed.data.lessonId)) return null;
    const progress: Record<string, LessonProgress> = {};
    for (const lesson of LESSONS) {
      const stored = parsed.data.progress[lesson.id];
      if (!stored) continue;
      const setups: Record<string, StepSetup> = {};
      for (const [id, setup] of Object.entries(stored.setups)) {
        const { config, errors } = resolveConfig(setup.config);
        if (!errors.length && lesson.steps.some((s) => s.id === id)) setups[id] = { config, kept: setup.kept, ...(setup.at !== undefined ? { at: setup.at } : {}) };
      }
      progress[lesson.id] = { step: Math.min(stored.step, lesson.steps.length - 1), setups };
    }
    return { lessonId: parsed.data.lessonId, open: parsed.data.open, progress };
  } catch {
    return null;
  }
}

export function createLessonStore(storage: Storage | undefined) {
  const store = create<LessonState>((set, get) => {
    const current = (): LessonProgress => get().progress[get().lessonId] ?? EMPTY;
    const update = (change: Partial<LessonProgress>) => set((s) => ({ progress: { ...s.progress, [s.lessonId]: { ...current(), ...change } } }));
    return {
      lessonId: LESSONS[0].id,
      open: false,
      progress: {},
      ...restore(storage),
      setOpen: (open) => set({ open }),
      choose: (lessonId) => {
        if (LESSONS.some((l) => l.id === lessonId)) set({ lessonId });
      },
      followScenario: (scenario) => {
        // The lesson on screen follows the scenario on screen, unless the participant has started it.
        const own = describeScenario(scenario).lesson;
        const started = Object.keys(current().setups).length > 0 || current().step > 0;
        if (own && own !== get().lessonId && !started && LESSONS.some((l) => l.id === own)) set({ lessonId: own });
      },
      goTo: (step) => {
        const lesson = LESSONS.find((l) => l.id === get().lessonId);
        if (lesson && step >= 0 && step < lesson.steps.length) update({ step });
      },
      setUp: (step) => {
        if (!step.setup) return { kept: [] };
        const locked = useViewStore.getState().heldGroups;
        const config = useConfigStore.getState();
        const refused = setUpRefusal(step, config.config.scenario, locked);
        if (refused) return { refused };
        const before = flattenConfig(config.config);
        // Another scenario brings its own run settings (a text step is 128-character windows, not digit strings): only the seed stays, as when the scenario control changes.
        const switched = findPreset(step.setup.preset)?.scenario !== config.config.scenario;
        const kept = config.applyPreset(step.setup.preset);
        // A lesson's runs start from the shipped base model, not from adapters merged in earlier.
        if (useConfigStore.getState().config.start.length && !isHeld('start', locked)) useConfigStore.getState().set('start', []);
        for (const [key, value] of Object.entries(step.setup.settings ?? {})) {
          if (isHeld(key, locked)) kept.push(key);
          else useConfigStore.getState().set(key, value);
        }
        // A lesson changes the levers, not the run: the participant's steps, seed and evaluations stay.
        if (!locked.has('run')) {
          for (const key of switched ? ['seed'] : keysOf('run')) {
            if (JSON.stringify(flattenConfig(useConfigStore.getState().config)[key]) !== JSON.stringify(before[key])) useConfigStore.getState().set(key, before[key]);
          }
        }
        const now = useConfigStore.getState().config;
        // Set up again with the same levers: the step keeps the runs made since the first time.
        const earlier = current().setups[step.id];
        const at = earlier?.at !== undefined && leversChanged(now, earlier.config).length === 0 ? earlier.at : Date.now();
        const setup: StepSetup = { config: now, kept: [...new Set(kept)], at };
        update({ setups: { ...current().setups, [step.id]: setup } });
        return { kept: setup.kept };
      },
      reset: () => {
        const { lessonId, progress } = get();
        const was = progress[lessonId];
        set({ progress: { ...progress, [lessonId]: EMPTY } });
        return () => set((s) => ({ progress: { ...s.progress, [lessonId]: was ?? EMPTY } }));
      },
    };
  });
  store.subscribe((s, prev) => {
    if (s.progress === prev.progress && s.open === prev.open && s.lessonId === prev.lessonId) return;
    try {
      storage?.setItem(STORAGE_KEY, JSON.stringify({ lessonId: s.lessonId, open: s.open, progress: s.progress }));
    } catch {
      // Storage full or blocked: the lesson goes on; a reload would start it over.
    }
  });
  return store;
}

export const useLessonStore = createLessonStore(globalThis.localStorage);

/** Resets the lesson and says so, with an undo. */
export function resetLesson(): void {
  const undo = useLessonStore.getState().reset();
  useNoticeStore.getState().notify('Lesson progress reset: the lesson starts again at step 1. Your runs are kept.', 'info', { label: 'Undo', run: undo });
}
