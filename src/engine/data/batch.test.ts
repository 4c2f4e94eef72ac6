import { describe, expect, it } from 'vitest';
import { fittedLength, packBatch } from './batch';
import { findSkill, makeExample } from '../scenarios/skills/skills';
import { EOS, PAD, tokenId } from './vocab';

const copy = makeExample(findSkill('copy'), [3, 8, 1]); // <copy> 3 8 1 = 3 8 1 <eos>

describe('packing a batch', () => {
  it('shifts targets by one and scores only the answer and <eos> in fine-tuning', () => {
    const b = packBatch([copy], 10, 'answer');
    expect([...b.inputs]).toEqual([tokenId('<copy>'), tokenId('3'), tokenId('8'), tokenId('1'), tokenId('='), tokenId('3'), tokenId('8'), tokenId('1'), PAD, PAD]);
    expect([...b.targets].slice(0, 8)).toEqual([tokenId('3'), tokenId('8'), tokenId('1'), tokenId('='), tokenId('3'), tokenId('8'), tokenId('1'), EOS]);
    expect([...b.mask]).toEqual([0, 0, 0, 0, 1, 1, 1, 1, 0, 0]);
    expect([...b.answerMask]).toEqual([...b.mask]);
  });

  it('scores every real token in continual pre-training, and evaluation still reads the answer', () => {
    const b = packBatch([copy], 10, 'all');
    expect([...b.mask]).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 0, 0]);
    expect([...b.answerMask]).toEqual([0, 0, 0, 0, 1, 1, 1, 1, 0, 0]);
  });

  it('fits the length to the longest example, and refuses one that does not fit', () => {
    const long = makeExample(findSkill('successor'), [9, 9, 9, 9, 9, 9, 9, 9]);
    expect(fittedLength([copy], 20)).toBe(8);
    expect(fittedLength([copy, long], 20)).toBe(19);
    expect(() => packBatch([long], 12, 'answer')).toThrow(/does not fit/);
  });
});
