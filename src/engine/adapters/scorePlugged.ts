/**
 * Every ability of a scenario (skills and tasks; genres and domains) scored
 * with a set of adapters plugged into its base model: what the adapter
 * library shows. An empty set scores the base model itself.
 */
import type { ScenarioName } from '../scenarios/names';
import { scenarioFor } from '../scenarios/runtimes';
import type { ScenarioAssets } from '../scenarios/scenario';
import type { SkillScore } from '../eval/score';
import * as tf from '../tf';
import { decodeAdapter, type AdapterFields, type Plug } from './adapterRecord';
import { PluggedGpt } from './pluggedModel';

export interface PluggedScores {
  scores: Record<string, SkillScore>;
  /** Which scores are general abilities (the rest are tasks or domains). */
  general: string[];
  /** Time to plug and score, in ms. */
  ms: number;
}

/** `preview`: only the first that many held-out examples of each ability (a quick first look; the page says so and scores all of them next). */
export async function scorePlugged(scenario: ScenarioName, assets: ScenarioAssets, plugs: readonly Plug<AdapterFields>[], preview?: number): Promise<PluggedScores> {
  const started = tf.util.now();
  const { dims } = assets.base.manifest;
  const model = new PluggedGpt(dims, assets.base.values);
  try {
    model.plug(plugs.map((p) => ({ adapter: decodeAdapter(p.adapter), weight: p.weight })));
    const { scores, general } = await scenarioFor(scenario, assets).scoreBase(assets, { model, samples: false, preview });
    return { scores, general, ms: tf.util.now() - started };
  } finally {
    model.dispose();
  }
}
