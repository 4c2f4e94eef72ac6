/**
 * The command line's asset reader (engine/scenarios/assets.ts): files under a
 * folder, a text file checked against the sha256 its manifest names.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AssetReader } from '../../src/engine/scenarios/assets';

export function fileReader(root: string): AssetReader {
  return {
    json: async (path) => JSON.parse(await readFile(join(root, path), 'utf8')),
    bytes: async (path) => {
      const buffer = await readFile(join(root, path));
      return buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength) as ArrayBuffer;
    },
    text: async (path, sha256) => {
      const text = await readFile(join(root, path), 'utf8');
      if (sha256 && createHash('sha256').update(text, 'utf8').digest('hex') !== sha256) {
        throw new Error(`${join(root, path)} is not the file its manifest names (sha256 differs); rebuild with npm run lab -- data`);
      }
      return text;
    },
  };
}
