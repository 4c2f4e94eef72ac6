/**
 * Every scenario's runtime (batches, evaluation, samples, its assets), by
 * name, beside its descriptor in registry.ts; and the check that the base
 * model given was made for the scenario a config names.
 */
import { scenarioOf } from '../checkpoint/format';
import type { ScenarioName } from './names';
import type { Scenario, ScenarioAssets } from './scenario';
import { skillsScenario } from './skills/skillsScenario';
import { textScenario } from './text/textScenario';

const RUNTIMES: Record<ScenarioName, Scenario> = { skills: skillsScenario, text: textScenario };

/** A scenario's runtime, before its assets are loaded. */
export function scenarioRuntime(name: ScenarioName): Scenario {
  const runtime = RUNTIMES[name];
  if (!runtime) throw new Error(`no runtime for scenario '${name}'`);
  return runtime;
}

export function scenarioFor(name: ScenarioName, assets: Pick<ScenarioAssets, 'base'>): Scenario {
  const made = scenarioOf(assets.base.manifest);
  if (made !== name) throw new Error(`the ${name} scenario needs its own base model; the one given was made for ${made}`);
  return scenarioRuntime(name);
}

/** Adds a scenario's runtime beside the shipped ones, or in place of one: for tests of the descriptor contract (with registry.ts registerScenario), and `lab windows`, which wraps text's evaluation for one run. */
export function registerRuntime(name: ScenarioName, runtime: Scenario): void {
  RUNTIMES[name] = runtime;
}
