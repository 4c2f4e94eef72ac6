import { describe, expect, it } from 'vitest';
import { symbolPieces, wordPieces } from './answerMarks';

const shown = (pieces: ReturnType<typeof symbolPieces>) => pieces.map((p) => (p.mark ? `[${p.mark}:${p.text}${p.expected ? `≠${p.expected}` : ''}]` : p.text)).join('');

describe('answer pieces', () => {
  it('mark only the wrong symbols of a skills answer', () => {
    expect(shown(symbolPieces('1 8 3', '1 8 3'))).toBe('1 8 3');
    expect(shown(symbolPieces('1 9 3', '1 8 3'))).toBe('1 [wrong:9≠8] 3');
    expect(shown(symbolPieces('1 8 3 3', '1 8 3'))).toBe('1 8 3 [extra:3]');
    expect(shown(symbolPieces('1', '1 8 3'))).toBe('1 [missing:·≠8] [missing:·≠3]');
    expect(shown(symbolPieces('', '4'))).toBe('[missing:·≠4]');
    expect(shown(symbolPieces('a', ''))).toBe('[extra:a]');
  });

  it('read back as the answer, apart from the missing places', () => {
    const pieces = symbolPieces('2 7 7 1', '2 7 1');
    expect(pieces.map((p) => p.text).join('')).toBe('2 7 7 1');
  });

  it('mark a text sample’s made-up words and keep every character', () => {
    const text = 'the mna said zzq.';
    const pieces = wordPieces(text, [[4, 7], [13, 16]]);
    expect(pieces.map((p) => p.text).join('')).toBe(text);
    expect(pieces.filter((p) => p.mark === 'nonWord').map((p) => p.text)).toEqual(['mna', 'zzq']);
    expect(wordPieces('plain words', [])).toEqual([{ text: 'plain words' }]);
    // Spans that do not fit the text are ignored rather than drawn wrong.
    expect(wordPieces('ab', [[1, 5]])).toEqual([{ text: 'ab' }]);
  });
});
