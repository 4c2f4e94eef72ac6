/**
 * Wires the runs store to IndexedDB: restore at start-up, then save whenever
 * the runs change (at most once a second while a run streams, at once when a
 * run ends).
 */
import { createStore, del, get, set } from 'idb-keyval';
import { loadRuns, saveRuns, type KeyValueStore } from './persistence';
import { useRunsStore } from './runsStore';

export function indexedDbStore(): KeyValueStore {
  const store = createStore('forgetting-lab', 'kv');
  return { get: (key) => get(key, store), set: (key, value) => set(key, value, store), del: (key) => del(key, store) };
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
  // What is in the store now, by id: restored runs are there already, except
  // the interrupted ones, whose new status still has to be written.
  const interrupted = new Set(loaded.interrupted);
  const saved = new Map(loaded.runs.filter((r) => !interrupted.has(r.name)).map((r) => [r.id, r] as const));
  const save = async () => {
    timer = null;
    const error = await saveRuns(store, useRunsStore.getState().runs, saved);
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
