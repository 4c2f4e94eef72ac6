/** The app's lab store, wired to the real workers and browser. */
import { runName } from '../engine/config/naming';
import { probeBrowser } from '../worker/backendChoice';
import { baseModelUrl, Comlink, startLabWorker } from '../worker/client';
import { localBackendMemory } from './backendMemory';
import { useConfigStore } from './configStore';
import { createLabStore } from './labStore';
import { useLessonStore } from './lessonStore';

export const useLabStore = createLabStore(
  () => ({ ...startLabWorker(), proxy: Comlink.proxy, modelUrl: baseModelUrl() }),
  { probe: probeBrowser, memory: localBackendMemory(), userAgent: navigator.userAgent, cores: navigator.hardwareConcurrency || 1 },
  runName,
);

/** A config that has held this long is worth preparing a run of (its baseline scored before Start). */
const PREPARE_AFTER_MS = 600;
let prepareTimer: ReturnType<typeof setTimeout> | undefined;

// The config's scenario's base model is scored at connect; another's when the config first turns to it.
// The lesson on screen follows the scenario on screen. A config that holds is prepared for.
useLessonStore.getState().followScenario(useConfigStore.getState().config.scenario);
useConfigStore.subscribe((state, previous) => {
  if (state.config === previous.config) return;
  clearTimeout(prepareTimer);
  prepareTimer = setTimeout(() => useLabStore.getState().prepare(), PREPARE_AFTER_MS);
  if (state.config.scenario === previous.config.scenario) return;
  void useLabStore.getState().measureBase(state.config.scenario);
  useLessonStore.getState().followScenario(state.config.scenario);
});

