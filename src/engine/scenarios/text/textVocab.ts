/**
 * The text scenario's character vocabulary: 70 symbols, one id each.
 *
 *   0 newline, 1 space, 2–27 a–z, 28–37 0–9, 38–69 the 32 ASCII punctuation marks
 *
 * It is the PyTorch prototype's vocabulary, kept whole so its figures compare
 * (uniform guessing is log2 70 ≈ 6.13 bits per character). Digits and every
 * punctuation mark stay because the code domain is made of them (braces,
 * parentheses, `=`, `;`, quotes); prose is lower-cased because 100k parameters
 * are better spent on words than on capitals.
 *
 * No id is reserved for padding: training and evaluation windows are always
 * full, and sampling only continues text, so there is nothing to pad.
 */

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';
const DIGITS = '0123456789';
/** Every printable ASCII character that is not a letter, digit or space, in code order. */
const PUNCTUATION = '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~';

/** The symbols in id order: TEXT_SYMBOLS[id] is the character with that id. */
export const TEXT_SYMBOLS: string = '\n' + ' ' + LETTERS + DIGITS + PUNCTUATION;
export const TEXT_VOCAB_SIZE = TEXT_SYMBOLS.length;

export const NEWLINE_ID = 0;
export const SPACE_ID = 1;

/** Symbol id by character code; -1 for characters outside the vocabulary (all are ASCII). */
const ID_BY_CODE = new Int16Array(128).fill(-1);
for (let id = 0; id < TEXT_SYMBOLS.length; id++) ID_BY_CODE[TEXT_SYMBOLS.charCodeAt(id)] = id;

export class TextVocabError extends Error {
  override name = 'TextVocabError';
}

/**
 * Text in the vocabulary: ASCII capitals lower-cased, CRLF and CR line ends
 * made newlines, each tab two spaces, and every other character (one per code
 * point, so an emoji is one space, not two) a space.
 *
 * Runs of spaces are kept: they are code's indentation, which is much of what
 * makes code look unlike prose, and the prose builders never make them.
 * Normalising normalised text changes nothing.
 */
export function normalizeText(text: string): string {
  const parts: string[] = [];
  let run = 0; // start of the pending stretch that needs no change
  const flush = (end: number) => {
    if (end > run) parts.push(text.slice(run, end));
  };
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 128 && ID_BY_CODE[code] >= 0) continue;
    flush(i);
    if (code >= 65 && code <= 90) parts.push(String.fromCharCode(code + 32));
    else if (code === 9) parts.push('  ');
    else if (code === 13) {
      if (text.charCodeAt(i + 1) !== 10) parts.push('\n'); // a lone CR ends a line; a CR before LF just goes
    } else {
      parts.push(' ');
      // A surrogate pair is one character: one space for both halves.
      if (code >= 0xd800 && code <= 0xdbff && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) i++;
    }
    run = i + 1;
  }
  flush(text.length);
  return parts.join('');
}

/** What normalising a text changes, counted per character (a code point: an emoji is one). */
export interface VocabularyChanges {
  /** Characters in the text (code points). */
  characters: number;
  /** ASCII capitals lower-cased. */
  lowered: number;
  /** Characters outside the alphabet, each made a space (accented letters, dashes, emoji, control characters). */
  replaced: number;
}

/** Counts what normalizeText does to `text`, by the same rules (tabs and line ends are layout: neither lowered nor replaced). */
export function vocabularyChanges(text: string): VocabularyChanges {
  let characters = 0;
  let lowered = 0;
  let replaced = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    characters++;
    if (code < 128 && ID_BY_CODE[code] >= 0) continue;
    if (code >= 65 && code <= 90) lowered++;
    else if (code !== 9 && code !== 13) {
      replaced++;
      if (code >= 0xd800 && code <= 0xdbff && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) i++;
    }
  }
  return { characters, lowered, replaced };
}

/** Symbol ids of normalised text; throws on a character outside the vocabulary (normalise first). */
export function encodeText(text: string): Uint8Array {
  const ids = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const id = code < 128 ? ID_BY_CODE[code] : -1;
    if (id < 0) {
      throw new TextVocabError(`character ${JSON.stringify(text[i])} (U+${code.toString(16).padStart(4, '0')}) at ${i} is not in the text vocabulary; normalise the text first`);
    }
    ids[i] = id;
  }
  return ids;
}

/** The text of symbol ids; throws on an id outside the vocabulary. */
export function decodeText(ids: ArrayLike<number>): string {
  const parts: string[] = [];
  const CHUNK = 8192; // String.fromCharCode takes arguments: keep each call small
  for (let start = 0; start < ids.length; start += CHUNK) {
    const end = Math.min(ids.length, start + CHUNK);
    const codes = new Array<number>(end - start);
    for (let i = start; i < end; i++) {
      const id = ids[i];
      if (!(id >= 0 && id < TEXT_VOCAB_SIZE) || !Number.isInteger(id)) throw new TextVocabError(`symbol id ${id} at ${i} is not in the text vocabulary (0–${TEXT_VOCAB_SIZE - 1})`);
      codes[i - start] = TEXT_SYMBOLS.charCodeAt(id);
    }
    parts.push(String.fromCharCode(...codes));
  }
  return parts.join('');
}
