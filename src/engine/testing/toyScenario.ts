/**
 * A third scenario for tests only: it fills a descriptor and a runtime and
 * touches nothing else, so a test can show that the worker, the command line
 * and links carry a new scenario with no other change. Its model is a tiny
 * random GPT over the skills vocabulary, and its data reuse the skills
 * scenario's pieces. A test registers it after adding 'toy' to the scenario
 * names (vi.mock of scenarios/names.ts).
 */
import { CHECKPOINT_FORMAT } from '../checkpoint/format';
import { SUITE_VERSION } from '../data/heldout';
import { TOKENS } from '../data/vocab';
import type { ScenarioDescriptor } from '../scenarios/descriptor';
import type { ScenarioName } from '../scenarios/names';
import { registerScenario } from '../scenarios/registry';
import { registerRuntime } from '../scenarios/runtimes';
import type { Scenario } from '../scenarios/scenario';
import { skillsScenario } from '../scenarios/skills/skillsScenario';
import { randomCheckpoint } from './fixtures';
import { skillsPrompt } from '../scenarios/skills/skillsPrompt';

export const TOY = 'toy' as ScenarioName;

export const toyDescriptor: ScenarioDescriptor = {
  name: TOY,
  label: 'toy',
  summary: 'a tiny random GPT, for tests',
  modelLabel: 'the toy model',
  assets: { model: 'models/toy/', data: null },
  checkpoint: { vocabulary: TOKENS, suite: 'skill suite', suiteVersion: SUITE_VERSION },
  task: { key: 'task', words: {}, named: 'always' },
  ownKeys: ['task'],
  defaults: { task: 'rotate', steps: 4, batchSize: 4, evalEvery: 2, liveEvalSize: 4 },
  presets: [
    { name: 'toy-plain', lever: 'ignore', title: 'Toy: plain', explanation: 'Fine-tune the toy.', settings: {} },
    { name: 'toy-mix', lever: 'mix', title: 'Toy: mixed', explanation: 'Half of each batch general.', settings: { mix: 0.5 } },
  ],
  metrics: {
    accuracy: 'exact match',
    accuracyShort: 'exact match',
    tokenAccuracy: 'per-token accuracy',
    bitsPerCharacter: false,
    ability: 'skill',
    general: 'the toy skills',
    task: 'task',
    generalTitle: 'Toy skills',
    perAbility: 'Exact match per toy skill.',
    heldOut: 'its toy sets',
  },
  samples: 'answers',
  prompt: skillsPrompt,
  evalSize: 8,
  intro: { abilitiesTitle: 'What the toy can do', abilitiesLead: 'It knows {n} skills.', taskLead: 'A run trains the toy.', accuracyNote: 'Whole answers count.' },
  lesson: null,
};

/** The toy's base model: made in memory, marked as the toy's. */
function toyCheckpoint() {
  const base = randomCheckpoint();
  return { ...base, manifest: { ...base.manifest, format: CHECKPOINT_FORMAT, scenario: TOY } };
}

const toyRuntime: Scenario = {
  loadAssets: async () => ({ base: toyCheckpoint(), evalSize: toyDescriptor.evalSize }),
  open: (config, assets) => skillsScenario.open(config, assets),
  scoreBase: (assets) => skillsScenario.scoreBase({ ...assets, evalSize: toyDescriptor.evalSize }),
};

export function registerToyScenario(): void {
  registerScenario(toyDescriptor);
  registerRuntime(TOY, toyRuntime);
}
