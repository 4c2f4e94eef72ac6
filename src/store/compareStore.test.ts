import { beforeEach, describe, expect, it } from 'vitest';
import { useCompareStore } from './compareStore';

describe('compareStore', () => {
  beforeEach(() => useCompareStore.getState().clear());

  it('keeps the two latest picks: a third drops the earliest, a second tick drops that run', () => {
    const { toggle } = useCompareStore.getState();
    toggle('a');
    toggle('b');
    expect(useCompareStore.getState().picked).toEqual(['a', 'b']);
    toggle('c');
    expect(useCompareStore.getState().picked).toEqual(['b', 'c']);
    toggle('b');
    expect(useCompareStore.getState().picked).toEqual(['c']);
    useCompareStore.getState().clear();
    expect(useCompareStore.getState().picked).toEqual([]);
  });
});
