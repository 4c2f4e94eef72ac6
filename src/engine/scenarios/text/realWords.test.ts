import { describe, expect, it } from 'vitest';
import { buildWordSet, countRealWords, realWordShare, wordsOf } from './realWords';

// A tiny general-prose training split, counted by hand:
// the ×4, man ×2, said ×2, she ×2, dog ×1, ran ×1, don ×2, t ×2, a ×1.
const train = ['the man said: the dog ran.\n', "she said, \"don't!\" the man... she don't\n", 'the a\n'];

describe('real words', () => {
  it('are runs of letters', () => {
    expect(wordsOf("don't go-kart 3 times, x2y")).toEqual(['don', 't', 'go', 'kart', 'times', 'x', 'y']);
    expect(wordsOf('123 ;;')).toEqual([]);
  });

  it('are the words seen at least twice in the training text', () => {
    expect([...buildWordSet(train)].sort()).toEqual(['don', 'man', 'said', 'she', 't', 'the']);
    expect([...buildWordSet(train, 1)].sort()).toEqual(['a', 'dog', 'don', 'man', 'ran', 'said', 'she', 't', 'the']);
    expect(buildWordSet(train.join(''))).toEqual(buildWordSet(train));
  });

  it('share: real words over all words, leaving out a word the sample’s end may have cut', () => {
    const words = buildWordSet(train);
    // the, man, said, she: real; dgo, mna: not; "th" touches the end, so it is not counted.
    expect(countRealWords('the man said dgo; she mna th', words)).toEqual({ real: 4, words: 6 });
    expect(countRealWords('the man said dgo; she mna th.', words)).toEqual({ real: 4, words: 7 });
    expect(countRealWords('', words)).toEqual({ real: 0, words: 0 });
    expect(realWordShare('the man said dgo; she mna th', words)).toBeCloseTo(4 / 6);
    // Pooled over samples: 3 real words of 4, not the mean of the samples' shares (1 and 0).
    expect(realWordShare(['the man the ', 'xq '], words)).toBeCloseTo(3 / 4);
    expect(realWordShare(['{}();', '42 '], words)).toBe(0);
  });
});
