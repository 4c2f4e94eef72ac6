/**
 * What the lab above the engine knows of a scenario: one exhaustive record
 * per scenario (scenarios/registry.ts). The worker, the stores, the page,
 * links, the command line, the report and the bench read it and never compare
 * a scenario's name. Every field is required: a scenario that leaves one out
 * does not type-check (docs/extending.md).
 *
 * Pure data and small functions: no tfjs, so the page may import it. What runs
 * a model (batches, evaluation, samples) is the scenario's runtime
 * (scenarios/scenario.ts), registered beside it in scenarios/runtimes.ts.
 */
import type { ScenarioName } from './names';
import type { PromptFormat } from './prompt';

/** The five levers against forgetting (DESIGN's science): each scenario tries each with one of its presets. */
export const LEVERS = ['ignore', 'mix', 'adapter', 'regularize', 'learning-rate'] as const;
export type Lever = (typeof LEVERS)[number];

/** A strategy preset: settings on top of its scenario's defaults, and a plain-language explanation. */
export interface PresetSpec {
  name: string;
  /** The lever it tries, or null for a comparison that tries none (text's near-domain baseline). */
  lever: Lever | null;
  title: string;
  /** One paragraph for people, shown beside the controls. */
  explanation: string;
  settings: Readonly<Record<string, unknown>>;
}

/** How a scenario's scores read: the words and units of its metrics. */
interface ScenarioMetrics {
  /** What `acc` is: 'exact match', 'next-character accuracy'. */
  accuracy: string;
  /** The same, short, for axes and table heads: 'exact match', 'next-char acc.'. */
  accuracyShort: string;
  /** What `tokenAcc` is, or null where it says nothing beyond `acc`. */
  tokenAccuracy: string | null;
  /** The scores carry bits per character (`bpc`), shown beside accuracy. */
  bitsPerCharacter: boolean;
  /** One general ability: 'skill', 'genre'. */
  ability: string;
  /** All of them together: 'the general skills', 'English prose'. */
  general: string;
  /** The thing trained on: 'task', 'domain'. */
  task: string;
  /** The per-ability chart's title: 'General skills', 'General prose by genre'. */
  generalTitle: string;
  /** What that chart shows, in a sentence. */
  perAbility: string;
  /** Where its held-out data comes from, in words: 'its held-out sets', 'its held-out text'. */
  heldOut: string;
}

/** How the base model's answers read: exact answers to prompts (marked right or wrong), or sampled continuations (made-up words marked). */
type SampleKind = 'answers' | 'continuations';

/** A config key the scenario owns and its choices in words (skills: task; text: domain). */
interface TaskChoice {
  key: 'task' | 'domain';
  /** Words for each value, where the value itself does not read well ('near' → 'near prose'). */
  words: Readonly<Record<string, string>>;
  /** In a run's name: always and first ('code · LoRA r4 α8'), or only when it differs from the scenario's start ('task rotate'). */
  named: 'always' | 'when-changed';
}

/** The base model's files, relative to the app's public folder (the command line reads them from public/). */
interface ScenarioAssetPaths {
  /** The checkpoint's folder: manifest.json and its weights. */
  model: string;
  /** The data folder the scenario reads besides the model, or null. */
  data: string | null;
}

/** What a checkpoint made for this scenario must match. */
interface CheckpointSpec {
  vocabulary: readonly string[];
  suite: string;
  suiteVersion: number;
}

/** The first-time introduction's scenario-specific words (ui/teach/IntroMount.tsx draws the pages). */
interface IntroContent {
  /** Page 2's heading: 'What the base model can do'. */
  abilitiesTitle: string;
  /** Page 2's first line, before the table of abilities. */
  abilitiesLead: string;
  /** Page 3: what training on the task or domain means. */
  taskLead: string;
  /** Page 4: how accuracy is counted. */
  accuracyNote: string;
}

export interface ScenarioDescriptor {
  name: ScenarioName;
  /** How people call it: 'skills', 'English text'. */
  label: string;
  /** One line on the model and what it is trained on, for the scenario control's help. */
  summary: string;
  /** The base model in words: 'the shipped base model', 'the English base model'. */
  modelLabel: string;
  assets: ScenarioAssetPaths;
  checkpoint: CheckpointSpec;
  /** The key that names what a run trains on. */
  task: TaskChoice;
  /** Config keys that mean something in this scenario only (the controls, names and sweeps leave them out elsewhere). */
  ownKeys: readonly string[];
  /** Where the scenario starts: settings on top of the schema's defaults. The page, links and the command line start here. */
  defaults: Readonly<Record<string, unknown>>;
  /** Its strategies, in order: keys 1–9 and the preset bar. The first is where the lesson starts. */
  presets: readonly PresetSpec[];
  metrics: ScenarioMetrics;
  samples: SampleKind;
  /** How a person writes a prompt of their own for the model (the "Ask the model" box). */
  prompt: PromptFormat;
  /** Held-out examples (skills) or windows (text) per ability behind the baseline and the last evaluation. */
  evalSize: number;
  intro: IntroContent;
  /** The guided lesson that teaches this scenario (teach/lessons.ts), or null. */
  lesson: string | null;
}
