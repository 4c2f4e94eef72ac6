/**
 * Which config keys mean something for a scenario: each scenario's
 * descriptor names the keys it owns (skills: task and loss mode; text: the
 * domain); they mean nothing elsewhere. The controls hide the others, run
 * names and sweeps leave them out.
 */
import { allScenarios, describeScenario } from '../scenarios/registry';
import type { ExperimentConfig } from './schema';

export function keyApplies(key: string, config: Pick<ExperimentConfig, 'scenario'>): boolean {
  if (describeScenario(config.scenario).ownKeys.includes(key)) return true;
  return !allScenarios().some((d) => d.ownKeys.includes(key));
}
