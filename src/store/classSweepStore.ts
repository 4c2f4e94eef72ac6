/**
 * The class sweep this browser takes part in (a participant opened a class
 * sweep link), and its slot: from the link, picked, or from their name. Kept
 * for this tab (sessionStorage), so a reload does not lose it: the address bar
 * follows the controls and no longer holds the class sweep.
 */
import { create } from 'zustand';
import type { ConfigError } from '../engine/config/keys';
import { resolveConfig } from '../engine/config/keys';
import { makeClassSweep, type ClassSweep } from '../share/classSweep';
import { useNoticeStore } from './noticeStore';

const STORAGE_KEY = 'forgetting-lab:class-sweep';

type SlotFrom = 'link' | 'picked' | 'name';

export interface ClassSweepState {
  sweep: ClassSweep | null;
  slot: number | null;
  slotFrom: SlotFrom | null;
  /** The slots this browser has queued, so the panel can say so. */
  queued: number[];
  /** A link's class sweep (or null), its slot and what was wrong with them. */
  open: (sweep: ClassSweep | null, slot: number | null, errors: readonly ConfigError[]) => void;
  pick: (slot: number, from: SlotFrom) => void;
  markQueued: (slot: number) => void;
  leave: () => void;
}

interface Kept {
  sweep: ClassSweep;
  slot: number | null;
  slotFrom: SlotFrom | null;
  queued: number[];
}

function keep(state: Kept | null): void {
  try {
    if (state) globalThis.sessionStorage?.setItem(STORAGE_KEY, JSON.stringify(state));
    else globalThis.sessionStorage?.removeItem(STORAGE_KEY);
  } catch {
    // Storage blocked: the class sweep lasts until a reload.
  }
}

/** The kept class sweep, checked: its base settings read back through the schema, its id recomputed. */
function kept(): Kept | null {
  try {
    const text = globalThis.sessionStorage?.getItem(STORAGE_KEY);
    if (!text) return null;
    const data = JSON.parse(text) as Kept;
    const { config, errors } = resolveConfig(data.sweep.base);
    if (errors.length) return null;
    const { id: _id, ...rest } = data.sweep;
    return { ...data, sweep: makeClassSweep({ ...rest, base: config }) };
  } catch {
    return null;
  }
}

const restored = kept();

export const useClassSweepStore = create<ClassSweepState>((set, get) => ({
  sweep: restored?.sweep ?? null,
  slot: restored?.slot ?? null,
  slotFrom: restored?.slotFrom ?? null,
  queued: restored?.queued ?? [],
  open: (sweep, slot, errors) => {
    if (errors.length) {
      useNoticeStore.getState().notify(`${sweep ? 'This class sweep link' : "This link's class sweep could not be opened"}: ${errors.map((e) => e.message).join('; ')}.`, sweep ? 'warning' : 'error');
    }
    if (!sweep) return;
    const same = get().sweep?.id === sweep.id;
    const next = { sweep, slot: slot ?? (same ? get().slot : null), slotFrom: slot ? ('link' as const) : same ? get().slotFrom : null, queued: same ? get().queued : [] };
    set(next);
    keep(next);
  },
  pick: (slot, from) => {
    const { sweep, queued } = get();
    if (!sweep) return;
    set({ slot, slotFrom: from });
    keep({ sweep, slot, slotFrom: from, queued });
  },
  markQueued: (queuedSlot) => {
    const { sweep, slot, slotFrom, queued } = get();
    if (!sweep) return;
    const next = queued.includes(queuedSlot) ? queued : [...queued, queuedSlot];
    set({ queued: next });
    keep({ sweep, slot, slotFrom, queued: next });
  },
  leave: () => {
    set({ sweep: null, slot: null, slotFrom: null, queued: [] });
    keep(null);
  },
}));
