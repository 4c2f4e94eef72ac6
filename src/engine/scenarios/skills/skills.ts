/**
 * The general skills the base model learns in pre-training, and the
 * fine-tuning tasks it never saw. Each is a seeded generator of examples over
 * digit strings of 3 to 8 symbols.
 */
import type { Example } from '../../data/example';
import type { Rng } from '../../data/rng';
import { DIGITS, EOS, EQUALS, LETTERS, tokenId } from '../../data/vocab';

export const MIN_DIGITS = 3;
export const MAX_DIGITS = 8;

export interface Skill {
  name: string;
  marker: string;
  /** One line for people: what the skill does, with an example. */
  describe: string;
  /** Maps an input digit string to the answer symbols. */
  solve: (input: number[]) => string[];
  /** Which symbols the input is written in. */
  alphabet: readonly string[];
}

const digitsOf = (input: number[]) => input.map((d) => DIGITS[d]);

/** Decimal +1 of a digit string, keeping leading zeros: 0 9 9 -> 1 0 0, 9 9 -> 1 0 0. */
export function successor(input: number[]): number[] {
  const out = [...input];
  let i = out.length - 1;
  while (i >= 0 && out[i] === 9) out[i--] = 0;
  if (i < 0) out.unshift(1);
  else out[i] += 1;
  return out;
}

export const GENERAL_SKILLS: readonly Skill[] = [
  {
    name: 'copy',
    marker: '<copy>',
    describe: 'repeat the digits: <copy> 3 8 1 = 3 8 1',
    solve: digitsOf,
    alphabet: DIGITS,
  },
  {
    name: 'reverse',
    marker: '<rev>',
    describe: 'reverse the digits: <rev> 3 8 1 = 1 8 3',
    solve: (input) => digitsOf([...input].reverse()),
    alphabet: DIGITS,
  },
  {
    name: 'sort',
    marker: '<sort>',
    describe: 'sort the digits: <sort> 3 8 1 = 1 3 8',
    solve: (input) => digitsOf([...input].sort((a, b) => a - b)),
    alphabet: DIGITS,
  },
  {
    name: 'successor',
    marker: '<succ>',
    describe: 'add one: <succ> 3 8 9 = 3 9 0',
    solve: (input) => digitsOf(successor(input)),
    alphabet: DIGITS,
  },
];

export const TASKS: readonly Skill[] = [
  {
    name: 'letters',
    marker: '<map>',
    describe: 'read letters as digits (a=0 … j=9): <map> d i b = 3 8 1',
    solve: digitsOf,
    alphabet: LETTERS,
  },
  {
    name: 'rotate',
    marker: '<rot>',
    describe: 'move the first digit to the end: <rot> 3 8 1 = 8 1 3',
    solve: (input) => digitsOf([...input.slice(1), input[0]]),
    alphabet: DIGITS,
  },
  {
    name: 'encode',
    marker: '<enc>',
    describe: 'write digits as letters (0=a … 9=j): <enc> 3 8 1 = d i b',
    solve: (input) => input.map((d) => LETTERS[d]),
    alphabet: DIGITS,
  },
  {
    name: 'revinc',
    marker: '<revinc>',
    describe: 'reverse, then add one (clashes with reverse): <revinc> 3 8 1 = 1 8 4',
    solve: (input) => digitsOf(successor([...input].reverse())),
    alphabet: DIGITS,
  },
];

export const TASK_NAMES = TASKS.map((t) => t.name) as [string, ...string[]];
export const GENERAL_SKILL_NAMES = GENERAL_SKILLS.map((s) => s.name);

export function findSkill(name: string): Skill {
  const skill = [...GENERAL_SKILLS, ...TASKS].find((s) => s.name === name);
  if (!skill) throw new Error(`unknown skill or task '${name}'`);
  return skill;
}

/** Builds the example for a given input (digit values 0–9). */
export function makeExample(skill: Skill, input: number[]): Example {
  const prompt = [tokenId(skill.marker), ...input.map((d) => tokenId(skill.alphabet[d])), EQUALS];
  const answer = [...skill.solve(input).map(tokenId), EOS];
  return { prompt, answer };
}

/** A random example: length uniform in [MIN_DIGITS, MAX_DIGITS], digits uniform. */
export function randomExample(skill: Skill, rng: Rng): Example {
  const length = rng.int(MIN_DIGITS, MAX_DIGITS);
  const input = Array.from({ length }, () => rng.int(0, 9));
  return makeExample(skill, input);
}
