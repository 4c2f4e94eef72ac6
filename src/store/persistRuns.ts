/**
 * Wires the runs store to IndexedDB: restore at start-up, then save whenever
 * the runs change (at most once a second while a run streams, at once when a
 * run ends).
 */
import { createStore, get, set } from 'idb-keyval';
import { loadRuns, saveRuns, type KeyValueStore } from './persistence';
import { useRunsStore } from './runsStore';

export function indexedDbStore(): KeyValueStore {
  const store = createStore('forgetting-lab', 'kv');
  return { get: (key) => get(key, store), set: (key, value) => set(key, value, store) };
}

export async function restoreAndPersistRuns(store: KeyValueStore, notify: (message: string) => void): Promise<void> {
  const loaded = await loadRuns(store);
  if (loaded.error) notify(loaded.error);
  if (loaded.runs.length) useRunsStore.getState().addMany(loaded.runs);
  const notes: string[] = [];
  if (loaded.interrupted.length) notes.push(`The page was reloaded during ${loaded.interrupted.join(', ')}: that run stopped where it was; its events so far are kept.`);
  if (loaded.unreadable) notes.push(`${loaded.unreadable} saved run(s) could not be read and were left out.`);
  if (notes.length) notify(notes.join(' '));

  let timer: ReturnType<typeof setTimeout> | null = null;
  let lastStatuses = '';
  let lastError: string | null = null;
  const save = async () => {
    timer = null;
    const error = await saveRuns(store, useRunsStore.getState().runs);
    if (error && error !== lastError) notify(error);
    lastError = error;
  };
  useRunsStore.subscribe((state) => {
    const statuses = state.runs.map((r) => `${r.id}:${r.status}:${r.name}:${r.hidden}`).join('|');
    const urgent = statuses !== lastStatuses;
    lastStatuses = statuses;
    if (urgent) {
      if (timer) clearTimeout(timer);
      void save();
    } else if (!timer) {
      timer = setTimeout(() => void save(), 1000);
    }
  });
  // Save what restoring settled (interrupted runs) straight away.
  if (loaded.interrupted.length) await save();
}
