/** The app's adapter store, scoring in the lab's first worker. */
import { createAdapterStore } from './adapterStore';
import { useLabStore } from './lab';

export const useAdapterStore = createAdapterStore((scenario, plugs) => useLabStore.getState().evaluateAdapters(scenario, plugs));
