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

// The config's scenario's base model is scored at connect; another's when the config first turns to it.
// The lesson on screen follows the scenario on screen.
useLessonStore.getState().followScenario(useConfigStore.getState().config.scenario);
useConfigStore.subscribe((state, previous) => {
  if (state.config.scenario === previous.config.scenario) return;
  void useLabStore.getState().measureBase(state.config.scenario);
  useLessonStore.getState().followScenario(state.config.scenario);
});

