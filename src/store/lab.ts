/** The app's lab store, wired to the real workers and browser. */
import { runName } from '../engine/config/naming';
import { probeBrowser } from '../worker/backendChoice';
import { baseModelUrl, Comlink, startLabWorker } from '../worker/client';
import { localBackendMemory } from './backendMemory';
import { useConfigStore } from './configStore';
import { createLabStore } from './labStore';

export const useLabStore = createLabStore(
  () => ({ ...startLabWorker(), proxy: Comlink.proxy, modelUrl: baseModelUrl() }),
  { probe: probeBrowser, memory: localBackendMemory(), userAgent: navigator.userAgent, cores: navigator.hardwareConcurrency || 1 },
  runName,
);

// The text base model is scored when the config first turns to the text scenario (the skills one is at connect).
useConfigStore.subscribe((state, previous) => {
  if (state.config.scenario !== previous.config.scenario) void useLabStore.getState().measureBase(state.config.scenario);
});
