/** The app's adapter store, scoring in the lab's first worker; the base model's scores are the lab's own (measured at connect, on its backend). */
import { createAdapterStore } from './adapterStore';
import { useLabStore } from './lab';

export const useAdapterStore = createAdapterStore(
  (scenario, plugs, preview) => useLabStore.getState().evaluateAdapters(scenario, plugs, preview),
  (scenario) => {
    const report = useLabStore.getState().bases[scenario];
    return report?.general ? { scores: report.scores, general: report.general, ms: report.ms } : undefined;
  },
);
