/**
 * Fixed held-out evaluation sets. They are drawn once from a constant seed
 * (not the experiment seed), so every run is scored on the same examples, and
 * the training sampler refuses any example whose prompt is in them.
 */
import { promptKey, type Example } from './example';
import { Rng } from './rng';
import { randomExample, type Skill } from '../scenarios/skills/skills';

/** Bump when the skills, tasks or held-out sets change: checkpoints record it. */
export const SUITE_VERSION = 1;
const HELDOUT_SEED = 20261126;
export const DEFAULT_EVAL_SIZE = 128;

export interface HeldOutSet {
  skill: Skill;
  examples: Example[];
  keys: ReadonlySet<string>;
}

const cache = new Map<string, HeldOutSet>();

export function heldOutSet(skill: Skill, size = DEFAULT_EVAL_SIZE): HeldOutSet {
  const id = `${skill.name}:${size}`;
  const cached = cache.get(id);
  if (cached) return cached;
  const rng = Rng.derive(HELDOUT_SEED, `heldout:${skill.name}`);
  const examples: Example[] = [];
  const keys = new Set<string>();
  while (examples.length < size) {
    const example = randomExample(skill, rng);
    const key = promptKey(example);
    if (keys.has(key)) continue;
    keys.add(key);
    examples.push(example);
  }
  const set = { skill, examples, keys };
  cache.set(id, set);
  return set;
}

/** A training example: random, but never one of the held-out prompts. */
export function trainingExample(skill: Skill, rng: Rng): Example {
  const held = heldOutSet(skill).keys;
  for (;;) {
    const example = randomExample(skill, rng);
    if (!held.has(promptKey(example))) return example;
  }
}
