/**
 * An answer cut into pieces a reader can check one by one: a skills answer
 * against the expected one symbol by symbol (only the wrong symbols marked,
 * not the whole answer), a text sample by its made-up words. Pure: tested
 * without a browser.
 */

export interface Piece {
  text: string;
  /** wrong: not the expected symbol; extra: past the expected answer's end; missing: an expected symbol the answer lacks; nonWord: a made-up word (text). */
  mark?: 'wrong' | 'extra' | 'missing' | 'nonWord';
  /** The symbol that was expected here (wrong and missing pieces). */
  expected?: string;
}

/**
 * A skills answer against the expected one, symbol by symbol (answers are
 * symbols separated by spaces, `1 8 3`): each symbol right or wrong, then
 * any extra symbols, then any missing ones. The spaces between symbols are
 * pieces of their own, so the text reads as it was written.
 */
export function symbolPieces(answer: string, expected: string): Piece[] {
  const got = answer === '' ? [] : answer.split(' ');
  const want = expected === '' ? [] : expected.split(' ');
  const pieces: Piece[] = [];
  const space = () => pieces.length && pieces.push({ text: ' ' });
  got.forEach((symbol, i) => {
    space();
    if (i >= want.length) pieces.push({ text: symbol, mark: 'extra' });
    else if (symbol === want[i]) pieces.push({ text: symbol });
    else pieces.push({ text: symbol, mark: 'wrong', expected: want[i] });
  });
  for (let i = got.length; i < want.length; i++) {
    space();
    pieces.push({ text: '·', mark: 'missing', expected: want[i] });
  }
  return pieces;
}

/** A text sample with its made-up words ([start, end) spans, from the engine) marked. */
export function wordPieces(text: string, nonWords: readonly (readonly [number, number])[] = []): Piece[] {
  const pieces: Piece[] = [];
  let at = 0;
  for (const [start, end] of [...nonWords].sort((a, b) => a[0] - b[0])) {
    if (start < at || end > text.length || end <= start) continue;
    if (start > at) pieces.push({ text: text.slice(at, start) });
    pieces.push({ text: text.slice(start, end), mark: 'nonWord' });
    at = end;
  }
  if (at < text.length) pieces.push({ text: text.slice(at) });
  return pieces;
}
