/**
 * What a scenario needs from the app's own origin, fetched by the worker when
 * a run (or the base-model report) first asks for it and kept for the
 * session. The scenario's runtime says which files (scenarios/*: a text run
 * without general prose mixed in never fetches the 2.6 MB of its training
 * split); this is only the fetching.
 */
import type { ExperimentConfig } from '../engine/config/schema';
import type { Checkpoint } from '../engine/checkpoint/format';
import { loadCheckpoint, memoizedReader, type AssetReader } from '../engine/scenarios/assets';
import type { ScenarioName } from '../engine/scenarios/names';
import { describeScenario } from '../engine/scenarios/registry';
import { scenarioRuntime } from '../engine/scenarios/runtimes';
import type { ScenarioAssets } from '../engine/scenarios/scenario';
import { readStoredCustomText } from './customTextReader';

async function fetchOk(url: string): Promise<Response> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`could not load ${url} (${response.status})`);
  return response;
}

/** Paths relative to the public folder, fetched from under `root`. */
function fetchReader(root: string): AssetReader {
  const url = (path: string) => new URL(path, root).href;
  return {
    json: async (path) => (await fetchOk(url(path))).json(),
    bytes: async (path) => (await fetchOk(url(path))).arrayBuffer(),
    text: async (path) => (await fetchOk(url(path))).text(),
    customText: readStoredCustomText,
  };
}

export class WorkerAssets {
  private readonly read: AssetReader;

  /**
   * The protocol names the skills model's folder (public/models/base/); the
   * public folder every scenario's paths start from is two levels up.
   */
  constructor(skillsModelUrl: string) {
    const folder = skillsModelUrl.endsWith('/') ? skillsModelUrl : `${skillsModelUrl}/`;
    this.read = memoizedReader(fetchReader(new URL('../../', folder).href));
  }

  /** A scenario's base model alone, fetched once. */
  base(scenario: ScenarioName): Promise<Checkpoint> {
    return loadCheckpoint(this.read, describeScenario(scenario).assets.model);
  }

  /** What a run of this config reads. */
  forConfig(config: ExperimentConfig): Promise<ScenarioAssets> {
    return scenarioRuntime(config.scenario).loadAssets({ config }, this.read);
  }

  /** What scoring the base model on every ability reads. */
  forBaseReport(scenario: ScenarioName): Promise<ScenarioAssets> {
    return scenarioRuntime(scenario).loadAssets({ baseReport: true }, this.read);
  }
}
