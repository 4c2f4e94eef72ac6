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

// The config's scenario's base model is scored at connect; another's when the config first turns to it.
useConfigStore.subscribe((state, previous) => {
  if (state.config.scenario !== previous.config.scenario) void useLabStore.getState().measureBase(state.config.scenario);
});

// The first-time introduction shows the skills base model, whatever scenario the lab opened on.
useLabStore.subscribe((state, previous) => {
  if (state.phase === 'ready' && previous.phase !== 'ready') void state.measureBase('skills');
});
