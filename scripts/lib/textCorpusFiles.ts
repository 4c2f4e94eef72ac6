/** Reads the shipped text corpus (public/data/text/) from disk for the command line, checking every file against its sha256. */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TextCorpus } from '../../src/engine/scenarios/text/corpus';
import { parseTextCorpus, parseTextManifest, requestedFiles, TEXT_MANIFEST_FILE, type TextCorpusRequest, type TextManifest } from '../../src/engine/scenarios/text/manifest';

/** public/data/text/ of this checkout (found from this file, not imported from checkpointFiles.ts, which loads tfjs). */
export const TEXT_DATA_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../public/data/text');

export const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

export async function readTextManifest(dir = TEXT_DATA_DIR): Promise<TextManifest> {
  return parseTextManifest(JSON.parse(await readFile(join(dir, TEXT_MANIFEST_FILE), 'utf8')));
}

/** The corpus, or the requested part of it; throws if a file is missing or not the one the manifest names. */
export async function readTextCorpus(dir = TEXT_DATA_DIR, request?: TextCorpusRequest): Promise<TextCorpus> {
  const manifest = await readTextManifest(dir);
  const expected = new Map([...manifest.sources.flatMap((s) => [s.train, s.heldOut]), manifest.words].map((f) => [f.path, f.sha256]));
  const files: Record<string, string> = {};
  for (const path of requestedFiles(manifest, request)) {
    const text = await readFile(join(dir, path), 'utf8');
    if (sha256(text) !== expected.get(path)) throw new Error(`${join(dir, path)} is not the file its manifest names (sha256 differs); rebuild with npm run lab -- data`);
    files[path] = text;
  }
  return parseTextCorpus(manifest, files, request);
}
