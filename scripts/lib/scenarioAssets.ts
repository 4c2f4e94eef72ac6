/**
 * A scenario's base model and data, read from public/ for the command line
 * through the scenario's own loader (the paths its descriptor names), each
 * file read and checked once per process; a text file whose sha256 differs
 * from its manifest's is refused by name.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { memoizedReader, type AssetReader } from '../../src/engine/scenarios/assets';
import type { ScenarioName } from '../../src/engine/scenarios/names';
import { scenarioRuntime } from '../../src/engine/scenarios/runtimes';
import type { ScenarioAssets } from '../../src/engine/scenarios/scenario';
import { REPO_ROOT } from './checkpointFiles';

const PUBLIC_DIR = join(REPO_ROOT, 'public');

const fileReader: AssetReader = {
  json: async (path) => JSON.parse(await readFile(join(PUBLIC_DIR, path), 'utf8')),
  bytes: async (path) => {
    const buffer = await readFile(join(PUBLIC_DIR, path));
    return buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength) as ArrayBuffer;
  },
  text: async (path, sha256) => {
    const text = await readFile(join(PUBLIC_DIR, path), 'utf8');
    if (sha256 && createHash('sha256').update(text, 'utf8').digest('hex') !== sha256) {
      throw new Error(`${join(PUBLIC_DIR, path)} is not the file its manifest names (sha256 differs); rebuild with npm run lab -- data`);
    }
    return text;
  },
};

const read = memoizedReader(fileReader);

/** All a scenario ships (base model and data), read once per process: a sweep or a report runs many configs from it. */
export function readScenarioAssets(scenario: ScenarioName): Promise<ScenarioAssets> {
  return scenarioRuntime(scenario).loadAssets({ all: true }, read);
}
