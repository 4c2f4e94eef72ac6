/** Reads the shipped text corpus (public/data/text/) from disk for the command line, checking every file against its sha256. */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TextCorpus } from '../../src/engine/scenarios/text/corpus';
import { parseTextManifest, TEXT_MANIFEST_FILE, type TextCorpusRequest, type TextManifest } from '../../src/engine/scenarios/text/manifest';
import { loadTextCorpus } from '../../src/engine/scenarios/text/textAssets';
import { fileReader } from './fileReader';

/** public/data/text/ of this checkout (found from this file, not imported from checkpointFiles.ts, which loads tfjs). */
export const TEXT_DATA_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../public/data/text');

export const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

export async function readTextManifest(dir = TEXT_DATA_DIR): Promise<TextManifest> {
  return parseTextManifest(JSON.parse(await readFile(join(dir, TEXT_MANIFEST_FILE), 'utf8')));
}

/** The corpus, or the requested part of it; throws if a file is missing or not the one the manifest names (the engine's loader, through the command line's file reader). */
export function readTextCorpus(dir = TEXT_DATA_DIR, request?: TextCorpusRequest): Promise<TextCorpus> {
  return loadTextCorpus(fileReader(`${dir}/`), '', request ?? null);
}
