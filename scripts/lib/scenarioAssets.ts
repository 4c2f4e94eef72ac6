/**
 * A scenario's base model and data, read from disk for the command line:
 * public/models/base or public/models/text, and for text the whole shipped
 * corpus (a report or a sweep runs many configs from one reading). Read once
 * per process and scenario.
 */
import type { ScenarioAssets } from '../../src/engine/scenarios/scenario';
import type { ScenarioName } from '../../src/engine/scenarios/names';
import { readCheckpoint, TEXT_MODEL_DIR } from './checkpointFiles';
import { readTextCorpus } from './textCorpusFiles';

const cache = new Map<ScenarioName, Promise<ScenarioAssets>>();

async function read(scenario: ScenarioName): Promise<ScenarioAssets> {
  if (scenario === 'skills') return { base: await readCheckpoint() };
  const [base, corpus] = await Promise.all([readCheckpoint(TEXT_MODEL_DIR), readTextCorpus()]);
  return { base, corpus };
}

export function readScenarioAssets(scenario: ScenarioName): Promise<ScenarioAssets> {
  let assets = cache.get(scenario);
  if (!assets) cache.set(scenario, (assets = read(scenario)));
  return assets;
}
