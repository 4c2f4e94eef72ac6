/** Messages for the person at the keyboard: link problems, storage trouble, verification results. */
import { create } from 'zustand';

interface Notice {
  id: number;
  kind: 'info' | 'warning' | 'error' | 'success';
  text: string;
}

export interface NoticeState {
  notices: Notice[];
  notify: (text: string, kind?: Notice['kind']) => void;
  dismiss: (id: number) => void;
}

let next = 1;

export const useNoticeStore = create<NoticeState>((set) => ({
  notices: [],
  notify: (text, kind = 'info') => set((s) => ({ notices: [...s.notices.filter((n) => n.text !== text), { id: next++, kind, text }].slice(-6) })),
  dismiss: (id) => set((s) => ({ notices: s.notices.filter((n) => n.id !== id) })),
}));
