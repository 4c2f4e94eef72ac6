/**
 * The skills scenario's own prompts: a skill or task tag and its input
 * symbols, `<rev> 3 8 1 =`, as the held-out sets write them (skills.ts
 * makeExample), with the right answer beside it.
 */
import { EOS, TOKENS } from '../../data/vocab';
import type { EncodedPrompt, SkillPromptFormat } from '../prompt';
import { findSkill, GENERAL_SKILLS, MAX_DIGITS, MIN_DIGITS, TASKS, makeExample } from './skills';

/** The base model reads 20 positions: the tag, 9 symbols and `=` leave room for the longest answer to 9 (successor: 10 symbols). */
const MAX_SYMBOLS = 9;

/** `0–9`, `a–j`: an alphabet of consecutive symbols in a few characters. */
const rangeOf = (alphabet: readonly string[]) => `${alphabet[0]}–${alphabet.at(-1)}`;

function encode({ skill: name, symbols }: { skill: string; symbols: string }): EncodedPrompt {
  let skill;
  try {
    skill = findSkill(name);
  } catch {
    return { ok: false, message: `There is no skill or task called '${name}'.` };
  }
  // Spaces and commas between symbols are how people write them; the model reads symbols only.
  const typed = [...symbols.replace(/[\s,]+/g, '').toLowerCase()];
  const kind = skill.alphabet[0] === '0' ? 'digits' : 'letters';
  if (!typed.length) return { ok: false, message: `Type the ${kind} for ${skill.name} to work on: 1 to ${MAX_SYMBOLS} of ${rangeOf(skill.alphabet)}.` };
  const bad = typed.find((c) => !skill.alphabet.includes(c));
  if (bad !== undefined) return { ok: false, message: `${skill.name} reads ${kind} ${rangeOf(skill.alphabet)} only: '${bad}' is not one of them.` };
  if (typed.length > MAX_SYMBOLS) {
    return { ok: false, message: `At most ${MAX_SYMBOLS} ${kind} (you typed ${typed.length}): the model reads 20 positions, and the answer needs room after the prompt.` };
  }
  const example = makeExample(skill, typed.map((c) => skill.alphabet.indexOf(c)));
  const outside = typed.length < MIN_DIGITS || typed.length > MAX_DIGITS;
  return {
    ok: true,
    tokens: example.prompt,
    shown: example.prompt.map((id) => TOKENS[id]).join(' '),
    expected: example.answer.filter((id) => id !== EOS).map((id) => TOKENS[id]).join(' '),
    note: outside ? `The model only ever saw ${MIN_DIGITS} to ${MAX_DIGITS} symbols: ${typed.length} asks it for something it never practised.` : null,
  };
}

export const skillsPrompt: SkillPromptFormat = {
  kind: 'skill',
  choices: [...GENERAL_SKILLS.map((s) => ({ ...s, general: true })), ...TASKS.map((s) => ({ ...s, general: false }))].map(({ name, marker, describe, alphabet, general }) => ({
    name,
    marker,
    describe,
    alphabet,
    general,
  })),
  maxSymbols: MAX_SYMBOLS,
  encode,
  symbol: (id) => TOKENS[id] ?? `#${id}`,
  symbolName: (id) => TOKENS[id] ?? `symbol ${id}`,
  separator: ' ',
  stopAt: EOS,
  maxNew: 20,
};
