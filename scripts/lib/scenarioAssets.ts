/**
 * A scenario's base model and data, read from public/ for the command line
 * through the scenario's own loader (the paths its descriptor names), each
 * file read and checked once per process; a text file whose sha256 differs
 * from its manifest's is refused by name.
 */
import { join } from 'node:path';
import { memoizedReader } from '../../src/engine/scenarios/assets';
import type { ScenarioName } from '../../src/engine/scenarios/names';
import { scenarioRuntime } from '../../src/engine/scenarios/runtimes';
import type { ScenarioAssets } from '../../src/engine/scenarios/scenario';
import { REPO_ROOT } from './checkpointFiles';
import { fileReader } from './fileReader';

const PUBLIC_DIR = join(REPO_ROOT, 'public');

const read = memoizedReader(fileReader(PUBLIC_DIR));

/** All a scenario ships (base model and data), read once per process: a sweep or a report runs many configs from it. */
export function readScenarioAssets(scenario: ScenarioName): Promise<ScenarioAssets> {
  return scenarioRuntime(scenario).loadAssets({ all: true }, read);
}
