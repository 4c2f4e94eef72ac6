/**
 * How a scenario reads its files from the app's own origin: through a reader
 * the host gives (fetch in the worker, the file system on the command line),
 * with paths relative to the public folder (descriptor.assets). Each file is
 * read once per reader; each checkpoint decoded once.
 */
import { decodeCheckpoint, parseCheckpointManifest, type Checkpoint } from '../checkpoint/format';

export interface AssetReader {
  json(path: string): Promise<unknown>;
  bytes(path: string): Promise<ArrayBuffer>;
  /** A text file; a reader that can hash checks it against `sha256` when given, and throws by name if it differs. */
  text(path: string, sha256?: string): Promise<string>;
  /** A text of one's own (domain=custom) by its sha256, from wherever the host keeps them (the page's IndexedDB, a file named on the command line); absent where there are none. */
  customText?(sha256: string): Promise<{ name: string; text: string }>;
}

/** A reader that asks its source once per path (a failed read is asked again next time). */
export function memoizedReader(source: AssetReader): AssetReader {
  const cache = new Map<string, Promise<unknown>>();
  const once = <T>(kind: string, path: string, read: () => Promise<T>): Promise<T> => {
    const key = `${kind}:${path}`;
    let hit = cache.get(key) as Promise<T> | undefined;
    if (!hit) {
      hit = read();
      cache.set(key, hit);
      hit.catch(() => cache.delete(key));
    }
    return hit;
  };
  return {
    json: (path) => once('json', path, () => source.json(path)),
    bytes: (path) => once('bytes', path, () => source.bytes(path)),
    text: (path, sha256) => once('text', path, () => source.text(path, sha256)),
    // Not memoised: a text stored after a failed read must be found next time.
    ...(source.customText ? { customText: (sha256: string) => source.customText!(sha256) } : {}),
  };
}

const checkpoints = new WeakMap<AssetReader, Map<string, Promise<Checkpoint>>>();

/** The checkpoint in a folder (manifest.json and the weights file it names), decoded once per reader. */
export function loadCheckpoint(read: AssetReader, dir: string): Promise<Checkpoint> {
  let byDir = checkpoints.get(read);
  if (!byDir) checkpoints.set(read, (byDir = new Map()));
  let checkpoint = byDir.get(dir);
  if (!checkpoint) {
    checkpoint = (async () => {
      const manifest = parseCheckpointManifest(await read.json(`${dir}manifest.json`));
      return decodeCheckpoint(manifest, await read.bytes(`${dir}${manifest.weightsFile}`));
    })();
    byDir.set(dir, checkpoint);
    checkpoint.catch(() => byDir.delete(dir));
  }
  return checkpoint;
}
