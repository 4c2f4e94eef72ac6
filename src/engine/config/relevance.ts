/**
 * Which config keys mean something for a scenario: a skills run has a task
 * and a loss mode; a text run has a domain and always trains on every
 * character. The controls hide the others, run names and sweeps leave them out.
 */
import type { ExperimentConfig } from './schema';

const SKILLS_ONLY = new Set(['task', 'mode']);
const TEXT_ONLY = new Set(['domain']);

export function keyApplies(key: string, config: Pick<ExperimentConfig, 'scenario'>): boolean {
  if (SKILLS_ONLY.has(key)) return config.scenario === 'skills';
  if (TEXT_ONLY.has(key)) return config.scenario === 'text';
  return true;
}
