/** The app's lab store, wired to the real worker. */
import { baseModelUrl, Comlink, startLabWorker } from '../worker/client';
import { createLabStore } from './labStore';

export const useLabStore = createLabStore(() => ({ ...startLabWorker(), proxy: Comlink.proxy, modelUrl: baseModelUrl() }));
