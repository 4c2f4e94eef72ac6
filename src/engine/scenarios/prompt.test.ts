import { describe, expect, it } from 'vitest';
import { heldOutSet } from '../data/heldout';
import { detokenize, EOS, TOKENS } from '../data/vocab';
import { allScenarios } from './registry';
import { findSkill, GENERAL_SKILLS, TASKS } from './skills/skills';
import { skillsPrompt } from './skills/skillsPrompt';
import { textPrompt } from './text/textPrompt';
import { decodeText, encodeText, normalizeText } from './text/textVocab';

const ok = <T extends { ok: boolean }>(r: T) => {
  if (!r.ok) throw new Error(`expected a prompt, got ${JSON.stringify(r)}`);
  return r as Extract<T, { ok: true }>;
};
const refused = (r: { ok: boolean; message?: string }) => {
  expect(r.ok).toBe(false);
  return r.message!;
};

describe('skills prompts', () => {
  it('offers every skill and task, and writes a typed prompt exactly as the held-out sets do, with its right answer', () => {
    expect(skillsPrompt.choices.map((c) => c.name)).toEqual([...GENERAL_SKILLS, ...TASKS].map((s) => s.name));
    for (const skill of [...GENERAL_SKILLS, ...TASKS]) {
      for (const example of heldOutSet(skill, 3).examples) {
        const typed = example.prompt.slice(1, -1).map((id) => TOKENS[id]).join(' ');
        const got = ok(skillsPrompt.encode({ skill: skill.name, symbols: typed }));
        expect(got.tokens).toEqual(example.prompt);
        expect(got.shown).toBe(detokenize(example.prompt));
        expect(got.expected).toBe(detokenize(example.answer.filter((t) => t !== EOS)));
      }
    }
  });

  it('reads symbols with or without spaces and commas', () => {
    const a = ok(skillsPrompt.encode({ skill: 'reverse', symbols: '381' }));
    expect(ok(skillsPrompt.encode({ skill: 'reverse', symbols: ' 3, 8 1 ' })).tokens).toEqual(a.tokens);
    expect(a.expected).toBe('1 8 3');
  });

  it('names a symbol outside the skill’s alphabet, an empty or too long input, and an unknown skill', () => {
    expect(refused(skillsPrompt.encode({ skill: 'reverse', symbols: '3a1' }))).toMatch(/reverse reads digits 0–9 only: 'a' is not/);
    expect(refused(skillsPrompt.encode({ skill: 'letters', symbols: 'd3b' }))).toMatch(/letters reads letters a–j only: '3' is not/);
    expect(refused(skillsPrompt.encode({ skill: 'letters', symbols: 'dkb' }))).toMatch(/'k'/);
    expect(refused(skillsPrompt.encode({ skill: 'sort', symbols: '  ' }))).toMatch(/Type the digits for sort/);
    expect(refused(skillsPrompt.encode({ skill: 'sort', symbols: '1234567890' }))).toMatch(/At most 9 digits \(you typed 10\)/);
    expect(refused(skillsPrompt.encode({ skill: 'dance', symbols: '123' }))).toMatch(/no skill or task called 'dance'/);
  });

  it('says when a length is one the model never practised', () => {
    expect(ok(skillsPrompt.encode({ skill: 'copy', symbols: '12' })).note).toMatch(/3 to 8 symbols: 2 asks/);
    expect(ok(skillsPrompt.encode({ skill: 'copy', symbols: '123' })).note).toBeNull();
  });

  it('leaves room in the context for the longest answer to the longest prompt', () => {
    const got = ok(skillsPrompt.encode({ skill: 'successor', symbols: '9'.repeat(skillsPrompt.maxSymbols) }));
    const answer = findSkill('successor').solve(Array(skillsPrompt.maxSymbols).fill(9));
    // The decoder writes until the context (20) is full, and one more from its last position.
    expect(got.tokens.length + answer.length).toBeLessThanOrEqual(20 + 1);
  });
});

describe('text prompts', () => {
  it('goes through the scenario’s vocabulary as its corpus does', () => {
    const text = 'The Café\tis OPEN\r\n';
    const got = ok(textPrompt.encode({ text }));
    expect(got.tokens).toEqual(Array.from(encodeText(normalizeText(text))));
    expect(got.shown).toBe(decodeText(got.tokens));
  });

  it('says how many capitals were lowered and which characters were replaced', () => {
    expect(ok(textPrompt.encode({ text: 'The Café — “ok”' })).note).toBe("2 capitals were lower-cased; 4 characters are outside the model's alphabet and became spaces ('é', '—', '“', '”').");
    expect(ok(textPrompt.encode({ text: 'plain text, nothing to change.' })).note).toBeNull();
    expect(ok(textPrompt.encode({ text: 'A' })).note).toBe('1 capital was lower-cased.');
  });

  it('refuses empty and too long text, saying the limit', () => {
    expect(refused(textPrompt.encode({ text: '' }))).toMatch(/Write a prompt: 1 to 96/);
    expect(refused(textPrompt.encode({ text: 'x'.repeat(97) }))).toMatch(/At most 96 characters \(this is 97\)/);
  });

  it('names spaces and newlines for screen readers', () => {
    expect(textPrompt.symbolName(encodeText(' ')[0])).toBe('space');
    expect(textPrompt.symbolName(encodeText('\n')[0])).toBe('newline');
    expect(textPrompt.symbolName(encodeText('q')[0])).toBe('q');
  });
});

it('every scenario has a prompt format', () => {
  for (const d of allScenarios()) expect(['skill', 'text']).toContain(d.prompt.kind);
});
