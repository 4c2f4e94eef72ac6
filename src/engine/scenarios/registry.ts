/**
 * Every scenario's descriptor, by name: what the worker, the stores, the page,
 * links, the command line, the report and the bench read instead of comparing
 * scenario names. A new scenario is a folder under engine/scenarios/ plus one
 * entry here (and its runtime in runtimes.ts): the record's type lists what it
 * still lacks.
 */
import type { ExperimentConfig } from '../config/schema';
import type { ScenarioDescriptor } from './descriptor';
import { SCENARIOS, type ScenarioName } from './names';
import { skillsDescriptor } from './skills/skillsDescriptor';
import { textDescriptor } from './text/textDescriptor';

const DESCRIPTORS: Record<ScenarioName, ScenarioDescriptor> = { skills: skillsDescriptor, text: textDescriptor };

/** A scenario's descriptor; throws for a name nobody registered (configs are checked against SCENARIOS before this). */
export function describeScenario(name: ScenarioName): ScenarioDescriptor {
  const descriptor = DESCRIPTORS[name];
  if (!descriptor) throw new Error(`unknown scenario '${name}' (known: ${SCENARIOS.join(', ')})`);
  return descriptor;
}

/** Every scenario, in the order of SCENARIOS (the scenario control's order); a name a test adds counts once it is registered. */
export function allScenarios(): ScenarioDescriptor[] {
  return SCENARIOS.filter((name) => DESCRIPTORS[name]).map(describeScenario);
}

/**
 * Adds a scenario beside the shipped ones: for tests of the descriptor
 * contract (a toy scenario in engine/testing), whose names list must include it.
 */
export function registerScenario(descriptor: ScenarioDescriptor): void {
  DESCRIPTORS[descriptor.name] = descriptor;
}

/** What a run trains on, by its scenario's task key: 'letters' (skills' task), 'code' (text's domain). */
export function taskOf(config: Pick<ExperimentConfig, 'scenario' | 'task' | 'domain'>): string {
  return config[describeScenario(config.scenario).task.key];
}
