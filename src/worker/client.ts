/** The page's typed handle on the lab worker. */
import * as Comlink from 'comlink';
import type { LabWorkerApi } from './protocol';

export function startLabWorker(): { client: LabWorkerApi; terminate: () => void; onFailure: (handler: (message: string) => void) => void } {
  const worker = new Worker(new URL('./labWorker.ts', import.meta.url), { type: 'module', name: 'forgetting-lab' });
  return {
    // Every method of the protocol returns a promise, so comlink's remote has its very shape;
    // the one callback passed in (a run's event sink) goes through Comlink.proxy in the store.
    client: Comlink.wrap<LabWorkerApi>(worker) as unknown as LabWorkerApi,
    terminate: () => worker.terminate(),
    // A worker that fails to load or throws outside a call would leave calls waiting forever: report it.
    onFailure: (handler) => worker.addEventListener('error', (e) => handler(e.message || 'the worker could not load its code')),
  };
}

/** Absolute URL of the shipped base model, resolved against the page. */
export function baseModelUrl(): string {
  return new URL('models/base/', document.baseURI).href;
}

export { Comlink };
