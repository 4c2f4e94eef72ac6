/**
 * The challenges the lab ships: one per lever, and one open to all of them.
 * Each is reachable, and its starting point is not enough: builtinChallenges.test.ts
 * checks both against the ten-seed measurements in docs/report-skills.json
 * (real runs, `npm run lab -- report`).
 */
import { applySettings } from '../engine/config/keys';
import { presetConfig } from '../engine/config/presets';
import type { ExperimentConfig } from '../engine/config/schema';
import { makeChallenge, type Challenge, type Goal } from './challenge';

export interface BuiltinChallenge {
  id: string;
  challenge: Challenge;
  /** Where it starts: the preset, with the settings below on top. */
  config: ExperimentConfig;
}

interface BuiltinSpec {
  id: string;
  title: string;
  note: string;
  goal: Goal;
  preset: string;
  settings?: Record<string, unknown>;
  lock: string[];
  hide: string[];
}

/** Everything but the lever a challenge is about stays put (the run section stays free: seed and steps are the participant's). */
const ALL_BUT = (...free: string[]) => ['task', 'method', 'lora', 'freeze', 'mix', 'reg', 'lr', 'presets'].filter((s) => !free.includes(s));

const SPECS: readonly BuiltinSpec[] = [
  {
    id: 'under-10',
    title: 'Keep it under 10',
    note: 'Learn the letters task almost perfectly while losing at most 10 points of general skill. Any strategy goes.',
    goal: { forgetting: 10, gain: 90, steps: 150 },
    preset: 'ignore',
    lock: ['task'],
    hide: [],
  },
  {
    id: 'replay-only',
    title: 'Replay only',
    note: 'Only the mix slider is yours: how much general data must each batch replay?',
    goal: { forgetting: 12, gain: 95, steps: 150 },
    preset: 'ignore',
    lock: ALL_BUT('mix'),
    hide: ['lora', 'freeze', 'reg', 'presets'],
  },
  {
    id: 'small-adapter',
    title: 'A small adapter',
    note: 'The base weights stay frozen and a LoRA adapter learns the task. Which rank (and alpha) forgets least and still learns it?',
    goal: { forgetting: 11, gain: 95, steps: 150 },
    preset: 'lora',
    lock: ALL_BUT('lora'),
    hide: ['freeze', 'mix', 'reg', 'presets'],
  },
  {
    id: 'spring-back',
    title: 'A spring, not a wall',
    note: 'Only the regulariser is yours: L2-SP, EWC or a clamp, and its strength. Which one holds the general skills and still lets the task in?',
    goal: { forgetting: 5, gain: 90, steps: 150 },
    preset: 'ignore',
    lock: ALL_BUT('reg'),
    hide: ['lora', 'freeze', 'mix', 'presets'],
  },
  {
    id: 'slow-down',
    title: 'Slow down',
    note: 'Only the learning rate and its schedule are yours. Forget less than plain fine-tuning without giving up the task.',
    goal: { forgetting: 50, gain: 95, steps: 150 },
    preset: 'ignore',
    lock: ALL_BUT('lr'),
    hide: ['lora', 'freeze', 'mix', 'reg', 'presets'],
  },
];

function build(spec: BuiltinSpec): BuiltinChallenge {
  const { config, errors } = applySettings(presetConfig(spec.preset), spec.settings ?? {});
  if (errors.length) throw new Error(`built-in challenge '${spec.id}': ${errors.map((e) => `${e.key}: ${e.message}`).join('; ')}`);
  return { id: spec.id, config, challenge: makeChallenge(config, spec) };
}

export const BUILTIN_CHALLENGES: readonly BuiltinChallenge[] = SPECS.map(build);
