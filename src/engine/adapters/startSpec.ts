/**
 * Where a run starts: the shipped base model, or the base with trained
 * adapters merged into its weights (config `start`). An entry names an
 * adapter by its fingerprint (a hash of its values, the same wherever the
 * adapter travels: run ids do not survive a run file) and the weight it is
 * merged with, `0123456789abcdef*0.5`. No tfjs: the config schema, the page
 * and the links read it.
 */
import type { AdapterFields } from './adapterRecord';

/** One entry of `start`: 16 hex digits, '*', a weight. */
export const START_ENTRY = /^[0-9a-f]{16}\*-?(\d+(\.\d*)?|\.\d+)(e-?\d+)?$/;

/** An adapter a run may start from: its fingerprint, a name to show, and its values. */
export interface StartAdapter {
  id: string;
  name: string;
  adapter: AdapterFields;
}

export interface StartEntry {
  /** The adapter's fingerprint (adapterFingerprint). */
  id: string;
  weight: number;
}

/** An adapter's start entry text. */
export const startEntry = (id: string, weight: number): string => `${id}*${weight}`;

export function parseStartEntry(text: string): StartEntry {
  if (!START_ENTRY.test(text)) throw new Error(`'${text}' is not an adapter to start from (expected its fingerprint, '*' and a weight, e.g. 0123456789abcdef*1)`);
  const [id, weight] = text.split('*');
  return { id, weight: Number(weight) };
}

/** FNV-1a over a string, 32 bits, from a given offset. */
function fnv(text: string, offset: number): number {
  let h = offset;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * 64 bits of FNV-1a (two passes from different offsets) over everything the
 * adapter holds: two different adapters in one lab share one by chance about
 * once in 10^19. Not a security hash: it names, it does not guard.
 */
export function adapterFingerprint(adapter: AdapterFields): string {
  const text = JSON.stringify([adapter.rank, adapter.alpha, adapter.targets, adapter.rslora, adapter.values, adapter.rows ?? null]);
  const hex = (n: number) => n.toString(16).padStart(8, '0');
  return hex(fnv(text, 0x811c9dc5)) + hex(fnv(text, 0x2545f491));
}
