/**
 * Reads a text of one's own off the page's thread: decodes and checks it,
 * puts it through the vocabulary, splits it and hashes it
 * (engine/scenarios/text/customText.ts), and keeps it in IndexedDB by sha256
 * (once: the same text twice is stored once). The page gets a summary back,
 * never waits on a 5 MB file.
 */
import * as Comlink from 'comlink';
import { createStore, get, set } from 'idb-keyval';
import { readCustomText, summarizeCustomText, type CustomTextSummary } from '../engine/scenarios/text/customText';
import { customTextKey, type StoredCustomText } from '../engine/scenarios/text/customTextStorage';

const api = {
  async add(input: string | ArrayBuffer, name: string): Promise<CustomTextSummary> {
    const started = performance.now();
    const custom = await readCustomText(input, name);
    // What reading a text costs (decode, check, normalise, split, hash); storing it is IndexedDB's time, not counted.
    const ms = performance.now() - started;
    const store = createStore('forgetting-lab', 'kv');
    const key = customTextKey(custom.sha256);
    const had = (await get(key, store)) !== undefined;
    if (!had) {
      const entry: StoredCustomText = { sha256: custom.sha256, name: custom.name, text: custom.text, storedAt: Date.now() };
      await set(key, entry, store);
    }
    return { ...summarizeCustomText(custom), storedBefore: had, ms };
  },
};

export type CustomTextWorkerApi = typeof api;

Comlink.expose(api);
