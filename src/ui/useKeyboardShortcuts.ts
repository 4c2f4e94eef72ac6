import { useEffect } from 'react';
import { PRESETS } from '../engine/config/presets';
import { useConfigStore } from '../store/configStore';
import { useLabStore } from '../store/lab';
import { useViewStore } from '../store/viewStore';

export const SHORTCUTS: { keys: string; action: string }[] = [
  { keys: 'Space', action: 'start (or queue) a run; pause or resume the runs in progress' },
  { keys: 'Esc', action: 'stop the runs in progress and hold the queue (or close this help)' },
  ...PRESETS.map((p, i) => ({ keys: String(i + 1), action: `preset: ${p.title}` })),
  { keys: '?', action: 'show or hide these shortcuts' },
];

function typingInto(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el) return false;
  const tag = el.tagName;
  return tag === 'INPUT' || tag === 'SELECT' || tag === 'TEXTAREA' || el.isContentEditable || tag === 'BUTTON' || tag === 'SUMMARY';
}

/** Space start/pause/resume, Esc stop, 1–5 presets, ? help; never while typing in a field. */
export function useKeyboardShortcuts(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      const lab = useLabStore.getState();
      const view = useViewStore.getState();
      if (e.key === 'Escape') {
        if (view.showShortcuts) view.toggleShortcuts(false);
        else void lab.stop();
        return;
      }
      if (typingInto(e.target)) return;
      if (e.key === ' ') {
        e.preventDefault();
        const active = Object.values(lab.active);
        if (!active.length) void lab.start();
        else if (active.every((a) => a.paused)) void lab.resume();
        else void lab.pause();
      } else if (e.key === '?') {
        view.toggleShortcuts();
      } else if (/^[1-9]$/.test(e.key)) {
        const preset = PRESETS[Number(e.key) - 1];
        if (preset && !view.lockedGroups.has('presets')) useConfigStore.getState().applyPreset(preset.name);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
