import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseShard, shardOf } from './shard';

describe('--shard i/n', () => {
  it('deals every item of a plan to exactly one of n shards, in plan order within each', () => {
    fc.assert(
      fc.property(fc.array(fc.integer(), { maxLength: 60 }), fc.integer({ min: 1, max: 12 }), (items, count) => {
        const slices = Array.from({ length: count }, (_, i) => shardOf(items, { index: i + 1, count }));
        const positions = slices.flatMap((s) => s.map((x) => x.position)).sort((a, b) => a - b);
        expect(positions).toEqual(items.map((_, i) => i));
        for (const s of slices) {
          expect(s.map((x) => x.item)).toEqual(s.map((x) => items[x.position]));
          expect(s.map((x) => x.position)).toEqual([...s.map((x) => x.position)].sort((a, b) => a - b));
          // Round-robin: no shard holds more than one run beyond any other.
          expect(s.length).toBeGreaterThanOrEqual(Math.floor(items.length / count));
          expect(s.length).toBeLessThanOrEqual(Math.ceil(items.length / count));
        }
      }),
    );
  });

  it('reads i/n and names what is wrong with anything else', () => {
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 });
    expect(parseShard(' 1/1 ')).toEqual({ index: 1, count: 1 });
    for (const bad of ['0/4', '5/4', '2', '2/0', 'a/b', '-1/3', '1/2/3']) expect(() => parseShard(bad), bad).toThrow(/--shard takes i\/n/);
  });
});
