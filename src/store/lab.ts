/** The app's lab store, wired to the real worker and browser. */
import { probeBrowser } from '../worker/backendChoice';
import { baseModelUrl, Comlink, startLabWorker } from '../worker/client';
import { localBackendMemory } from './backendMemory';
import { createLabStore } from './labStore';

export const useLabStore = createLabStore(() => ({ ...startLabWorker(), proxy: Comlink.proxy, modelUrl: baseModelUrl() }), {
  probe: probeBrowser,
  memory: localBackendMemory(),
  userAgent: navigator.userAgent,
});
