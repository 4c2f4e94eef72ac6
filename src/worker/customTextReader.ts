/**
 * Texts of one's own (domain=custom) as the lab worker reads them: from the
 * page's IndexedDB, where the custom text panel and run-file import keep them
 * by sha256 (store/customTexts.ts writes the same keys).
 */
import { createStore, get } from 'idb-keyval';
import { customTextKey, storedCustomTextSchema } from '../engine/scenarios/text/customTextStorage';

export async function readStoredCustomText(sha256: string): Promise<{ name: string; text: string }> {
  const stored = storedCustomTextSchema.safeParse(await get(customTextKey(sha256), createStore('forgetting-lab', 'kv')));
  if (!stored.success) throw new Error('this browser has no text with that hash');
  return stored.data;
}
