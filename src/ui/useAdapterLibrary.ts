/** The adapter library and every adapter a run may start from, re-read only when runs gain, lose or move on an adapter. */
import { useMemo } from 'react';
import type { StartAdapter } from '../engine/adapters/startSpec';
import { adapterLibrary, knownAdapters, type LibraryAdapter } from '../runs/adapterLibrary';
import { useRunsStore } from '../store/runsStore';

/** Which runs hold an adapter (trained, or merged at their start), at which step, and whether they still train, as a key. */
const libraryKey = (s: ReturnType<typeof useRunsStore.getState>) =>
  s.runs
    .filter((r) => r.config.method === 'lora' || r.config.start.length > 0)
    .map((r) => `${r.id}:${r.name}:${r.status}:${r.events.filter((e) => e.type === 'adapter' || e.type === 'merged').map((e) => (e.type === 'adapter' ? e.step : 'm'))}`)
    .join('|');

export function useAdapterLibrary(): { library: LibraryAdapter[]; known: StartAdapter[] } {
  const key = useRunsStore(libraryKey);
  return useMemo(() => {
    const runs = useRunsStore.getState().runs;
    const library = adapterLibrary(runs);
    return { library, known: knownAdapters(runs, library) };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the key says when the library changes
  }, [key]);
}
