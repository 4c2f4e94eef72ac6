/**
 * The backend measurement, remembered per browser and adapter (backendChoice.ts
 * memoryKey), so a returning page starts at once on the backend it measured
 * fastest. Kept in localStorage; a page without it simply measures again.
 */
import type { BackendDecision } from '../worker/backendChoice';

export interface BackendMemory {
  recall(key: string): BackendDecision | null;
  remember(key: string, decision: BackendDecision): void;
  forget(key: string): void;
}

const STORAGE_KEY = 'forgetting-lab:backend-measurement';

interface Stored {
  key: string;
  decision: BackendDecision;
}

export function localBackendMemory(storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | undefined = globalThis.localStorage): BackendMemory {
  const read = (): Stored | null => {
    try {
      const stored = JSON.parse(storage?.getItem(STORAGE_KEY) ?? 'null') as Stored | null;
      return stored && typeof stored.key === 'string' && stored.decision?.name ? stored : null;
    } catch {
      return null;
    }
  };
  return {
    recall: (key) => {
      const stored = read();
      return stored?.key === key ? stored.decision : null;
    },
    remember: (key, decision) => {
      try {
        storage?.setItem(STORAGE_KEY, JSON.stringify({ key, decision } satisfies Stored));
      } catch {
        // Storage full or blocked: the next page measures again.
      }
    },
    forget: (key) => {
      if (read()?.key === key) storage?.removeItem(STORAGE_KEY);
    },
  };
}
