import { describe, expect, it } from 'vitest';
import type { TextWindow } from './corpus';
import { encodeText } from './textVocab';
import { windowBatch } from './windowBatch';

const window = (text: string): TextWindow => ({ source: 's', document: 0, origin: 0, symbols: encodeText(text) });

describe('a batch of text windows', () => {
  it('reads each window but its last symbol and predicts each but its first, every target counted', () => {
    const batch = windowBatch([window('abcd'), window('wxyz')]);
    expect([batch.size, batch.length]).toEqual([2, 3]);
    expect(Array.from(batch.inputs)).toEqual(Array.from(encodeText('abcwxy')));
    expect(Array.from(batch.targets)).toEqual(Array.from(encodeText('bcdxyz')));
    expect(Array.from(batch.mask)).toEqual([1, 1, 1, 1, 1, 1]);
    expect(batch.answerMask).toEqual(batch.mask);
  });
});
