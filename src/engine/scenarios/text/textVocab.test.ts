import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeText, encodeText, NEWLINE_ID, normalizeText, SPACE_ID, TEXT_SYMBOLS, TEXT_VOCAB_SIZE, TextVocabError } from './textVocab';

describe('text vocabulary', () => {
  it('has the prototype’s 70 symbols: newline, space, a–z, 0–9 and the 32 ASCII punctuation marks, each once', () => {
    expect(TEXT_VOCAB_SIZE).toBe(70);
    expect(new Set(TEXT_SYMBOLS).size).toBe(70);
    expect(TEXT_SYMBOLS.slice(0, 2)).toBe('\n ');
    expect(TEXT_SYMBOLS.slice(2, 38)).toBe('abcdefghijklmnopqrstuvwxyz0123456789');
    const punctuation = [...TEXT_SYMBOLS.slice(38)];
    expect(punctuation).toEqual([...'!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~']);
    expect(punctuation.every((c) => c.charCodeAt(0) > 32 && c.charCodeAt(0) < 127 && !/[a-z0-9]/i.test(c))).toBe(true);
    expect([NEWLINE_ID, SPACE_ID]).toEqual([0, 1]);
  });

  it('normalises: capitals lower-cased, tabs two spaces, CRLF and CR newlines, anything else one space per character', () => {
    expect(normalizeText('The Man\tsaid:\r\n"Hi!"\rOK')).toBe('the man  said:\n"hi!"\nok');
    expect(normalizeText('Kučera — café')).toBe('ku era   caf ');
    expect(normalizeText('a😀b')).toBe('a b'); // a surrogate pair is one character
    expect(normalizeText('if (x) { y = [1, 2]; }  // ok')).toBe('if (x) { y = [1, 2]; }  // ok');
  });

  it('leaves normalised text alone, and gives encodeText only symbols it knows', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (raw) => {
        const once = normalizeText(raw);
        expect(normalizeText(once)).toBe(once);
        const ids = encodeText(once);
        expect(ids.length).toBe(once.length);
        expect(ids.every((id) => id < TEXT_VOCAB_SIZE)).toBe(true);
      }),
    );
  });

  it('round-trips normalised text exactly through encode and decode', () => {
    const text = normalizeText('She said, "It\'s 9:30 -- {a: [1, 2]} && b|c ~ @home #1 $5 50% ^_^\n\tend."\n');
    expect(decodeText(encodeText(text))).toBe(text);
    expect(decodeText(encodeText(TEXT_SYMBOLS))).toBe(TEXT_SYMBOLS);
    expect([...encodeText(TEXT_SYMBOLS)]).toEqual([...Array(70).keys()]);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 69 }), { maxLength: 20_000 }), (ids) => {
        expect([...encodeText(decodeText(ids))]).toEqual(ids);
      }),
      { numRuns: 20 },
    );
  });

  it('refuses, by name, text that is not normalised and ids outside the vocabulary', () => {
    expect(() => encodeText('The')).toThrow(TextVocabError);
    expect(() => encodeText('a\tb')).toThrow(/"\\t" \(U\+0009\) at 1 is not in the text vocabulary/);
    expect(() => decodeText([0, 70])).toThrow(/symbol id 70 at 1/);
    expect(() => decodeText([-1])).toThrow(TextVocabError);
    expect(() => decodeText([1.5])).toThrow(TextVocabError);
  });
});
