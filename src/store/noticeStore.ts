/** Messages for the person at the keyboard: link problems, storage trouble, verification results. */
import { create } from 'zustand';

interface Notice {
  id: number;
  kind: 'info' | 'warning' | 'error' | 'success';
  text: string;
  /** A button beside the text (Undo). */
  action?: { label: string; run: () => void };
}

export interface NoticeState {
  notices: Notice[];
  notify: (text: string, kind?: Notice['kind'], action?: Notice['action']) => void;
  dismiss: (id: number) => void;
}

let next = 1;

export const useNoticeStore = create<NoticeState>((set) => ({
  notices: [],
  notify: (text, kind = 'info', action) => set((s) => ({ notices: [...s.notices.filter((n) => n.text !== text), { id: next++, kind, text, action }].slice(-6) })),
  dismiss: (id) => set((s) => ({ notices: s.notices.filter((n) => n.id !== id) })),
}));
