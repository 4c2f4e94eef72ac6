import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../engine/config/schema';
import { classSweepParams, makeClassSweep } from '../share/classSweep';
import { decodeLink, encodeLink } from '../share/link';
import { useClassSweepStore } from './classSweepStore';
import { useNoticeStore } from './noticeStore';

const sweep = makeClassSweep({ name: 'mix sweep', base: defaultConfig(), axes: [{ key: 'mix', values: [0, 0.5] }], seeds: [1, 2], slots: 3, keepLoraScale: true });
const open = (slot: string) => {
  const state = decodeLink(`${encodeLink(sweep.base).href}&${classSweepParams(sweep)}&slot=${encodeURIComponent(slot)}`);
  useClassSweepStore.getState().open(state.classSweep, state.slot, state.classSweepErrors);
};

describe('the class sweep store', () => {
  it('opens a link with a slot outside the grid without a slot, and says so; a picked slot and the queued ones are kept', () => {
    open('4/3');
    expect(useClassSweepStore.getState()).toMatchObject({ slot: null, slotFrom: null });
    expect(useClassSweepStore.getState().sweep?.id).toBe(sweep.id);
    expect(useNoticeStore.getState().notices.at(-1)?.text).toMatch(/slot 4\/3 is outside the grid/);
    useClassSweepStore.getState().pick(2, 'picked');
    useClassSweepStore.getState().markQueued(2);
    expect(useClassSweepStore.getState()).toMatchObject({ slot: 2, slotFrom: 'picked', queued: [2] });
    // The same sweep again, from a link with a good slot: the link's slot wins, what was queued stays.
    open('3/3');
    expect(useClassSweepStore.getState()).toMatchObject({ slot: 3, slotFrom: 'link', queued: [2] });
    useClassSweepStore.getState().leave();
    expect(useClassSweepStore.getState()).toMatchObject({ sweep: null, slot: null, queued: [] });
  });
});
