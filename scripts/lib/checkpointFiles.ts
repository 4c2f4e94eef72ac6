/** Reads and writes checkpoints under public/models/ for the command line. */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { decodeCheckpoint, parseCheckpointManifest, type Checkpoint, type CheckpointManifest } from '../../src/engine/checkpoint/format';
import { REPO_ROOT } from './repoRoot';

export { REPO_ROOT };
/** The default scenario's (skills') base model, as tests read it. */
const BASE_MODEL_DIR = join(REPO_ROOT, 'public/models/base');

export async function readCheckpoint(dir = BASE_MODEL_DIR): Promise<Checkpoint> {
  const manifest = parseCheckpointManifest(JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')));
  const bytes = await readFile(join(dir, manifest.weightsFile));
  const weights = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  return decodeCheckpoint(manifest, weights);
}

export async function writeCheckpoint(dir: string, manifest: CheckpointManifest, weights: ArrayBuffer): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, manifest.weightsFile), new Uint8Array(weights));
  await writeFile(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
}
