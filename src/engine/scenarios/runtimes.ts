/** The scenario a config names, and the check that the base model given was made for it. */
import { scenarioOf } from '../checkpoint/format';
import type { ScenarioName } from './names';
import type { Scenario, ScenarioAssets } from './scenario';
import { skillsScenario } from './skills/skillsScenario';
import { textScenario } from './text/textScenario';

const SCENARIOS: Record<ScenarioName, Scenario> = { skills: skillsScenario, text: textScenario };

export function scenarioFor(name: ScenarioName, assets: Pick<ScenarioAssets, 'base'>): Scenario {
  const made = scenarioOf(assets.base.manifest);
  if (made !== name) throw new Error(`the ${name} scenario needs its own base model; the one given was made for ${made}`);
  return SCENARIOS[name];
}
