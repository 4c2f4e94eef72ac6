/**
 * The text scenario's own prompts: any text, put through the scenario's
 * vocabulary as its corpus is (textVocab.ts: capitals lowered, other
 * characters outside the alphabet made spaces), with what changed said.
 */
import type { EncodedPrompt, TextPromptFormat } from '../prompt';
import { encodeText, normalizeText, TEXT_SYMBOLS } from './textVocab';

/** The model reads 128 characters: a prompt of up to 96 leaves room for an answer. */
const MAX_CHARS = 96;
/** Characters written after the prompt, at most (the context may end it sooner). */
const MAX_NEW = 60;

/** Characters outside the vocabulary, as normalizeText sees them: one per code point; tabs and line ends are layout, not replacements. */
function replacedCharacters(text: string): string[] {
  const out: string[] = [];
  for (const c of text) {
    if (c === '\t' || c === '\r' || /[A-Z]/.test(c)) continue;
    if (!TEXT_SYMBOLS.includes(c)) out.push(c);
  }
  return out;
}

function encode({ text }: { text: string }): EncodedPrompt {
  if (!text.length) return { ok: false, message: `Write a prompt: 1 to ${MAX_CHARS} characters of text for the model to continue.` };
  const normalized = normalizeText(text);
  if (normalized.length > MAX_CHARS) {
    return { ok: false, message: `At most ${MAX_CHARS} characters (this is ${normalized.length}): the model reads 128, and its answer needs room after the prompt.` };
  }
  const capitals = [...text].filter((c) => /[A-Z]/.test(c)).length;
  const replaced = replacedCharacters(text);
  const notes: string[] = [];
  if (capitals) notes.push(`${capitals} capital${capitals === 1 ? ' was' : 's were'} lower-cased`);
  if (replaced.length) {
    const kinds = [...new Set(replaced)].slice(0, 5).map((c) => `'${c}'`).join(', ');
    notes.push(`${replaced.length} character${replaced.length === 1 ? ' is' : 's are'} outside the model's alphabet and became spaces (${kinds})`);
  }
  return { ok: true, tokens: Array.from(encodeText(normalized)), shown: normalized, note: notes.length ? `${notes.join('; ')}.` : null };
}

const NAMES: Record<string, string> = { ' ': 'space', '\n': 'newline' };

export const textPrompt: TextPromptFormat = {
  kind: 'text',
  maxChars: MAX_CHARS,
  example: 'the old man said ',
  encode,
  symbol: (id) => TEXT_SYMBOLS[id] ?? '',
  symbolName: (id) => {
    const c = TEXT_SYMBOLS[id];
    return c === undefined ? `symbol ${id}` : (NAMES[c] ?? c);
  },
  separator: '',
  maxNew: MAX_NEW,
};
