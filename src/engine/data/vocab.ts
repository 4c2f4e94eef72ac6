/**
 * The character-level vocabulary. Digits and letters are one token each; the
 * prompt markers that name a skill or task are single special tokens, so a
 * sequence reads like `<rev> 3 8 1 = 1 8 3 <eos>`.
 *
 * Letters are in the vocabulary from the start but never appear in
 * pre-training: the `letters` task brings them in as new input tokens.
 */
const SPECIAL = ['<pad>', '<eos>', '='] as const;
const SKILL_MARKERS = ['<copy>', '<rev>', '<sort>', '<succ>'] as const;
const TASK_MARKERS = ['<map>', '<rot>', '<revinc>'] as const;
/** Task markers added after the base model was made, in its spare slots (the vocabulary keeps its size and order). */
const LATE_TASK_MARKERS = ['<enc>'] as const;
export const DIGITS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'] as const;
export const LETTERS = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'] as const;

/** Spare slots keep the table a round size and leave room for a new marker. */
const RESERVED = ['<r1>'] as const;

export const TOKENS: readonly string[] = [
  ...SPECIAL,
  ...SKILL_MARKERS,
  ...TASK_MARKERS,
  ...DIGITS,
  ...LETTERS,
  ...LATE_TASK_MARKERS,
  ...RESERVED,
];

export const VOCAB_SIZE = TOKENS.length;
export const PAD = 0;
export const EOS = 1;
export const EQUALS = 2;

const INDEX = new Map(TOKENS.map((t, i) => [t, i]));

export function tokenId(token: string): number {
  const id = INDEX.get(token);
  if (id === undefined) throw new Error(`unknown token '${token}'`);
  return id;
}

function tokenText(id: number): string {
  const t = TOKENS[id];
  if (t === undefined) throw new Error(`unknown token id ${id}`);
  return t;
}

/** Human-readable form: `<rev> 3 8 1 = 1 8 3`. */
export function detokenize(ids: readonly number[]): string {
  return ids.map(tokenText).join(' ');
}
