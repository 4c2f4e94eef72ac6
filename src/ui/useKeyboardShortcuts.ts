import { useEffect } from 'react';
import { presetsFor } from '../engine/config/presets';
import type { ScenarioName } from '../engine/scenarios/names';
import { useConfigStore } from '../store/configStore';
import { useLabStore } from '../store/lab';
import { useViewStore } from '../store/viewStore';
import { useNoticeStore } from '../store/noticeStore';
import { useShareLabStore } from '../store/shareLabStore';

/** The keys and what they do in a scenario: 1–9 are its own presets, in order. */
export function shortcutsFor(scenario: ScenarioName): { keys: string; action: string }[] {
  return [
    { keys: 'Space', action: 'start (or queue) a run; pause or resume the runs in progress' },
    { keys: 'Esc', action: 'stop the runs in progress and hold the queue (or close this help)' },
    ...presetsFor(scenario)
      .slice(0, 9)
      .map((p, i) => ({ keys: String(i + 1), action: `preset: ${p.title}` })),
    { keys: 'P', action: 'presentation mode on or off (large type for a projector)' },
    { keys: 'Q', action: 'share this lab: a QR code of this experiment and the address, for the projector' },
    { keys: '?', action: 'show or hide these shortcuts' },
  ];
}

/** What Space does now: start (or queue) a run while none trains, else pause the runs, or resume them all paused. The buttons show its keycap on that one only. */
export function spaceAction(active: readonly { paused: boolean }[]): 'start' | 'pause' | 'resume' {
  if (!active.length) return 'start';
  return active.every((a) => a.paused) ? 'resume' : 'pause';
}

const TEXT_INPUTS = new Set(['text', 'number', 'search', 'email', 'url', 'password', 'tel']);

/** Focus is in a text field: keys are typing, not shortcuts. */
function typingInto(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el) return false;
  if (el.tagName === 'INPUT') return TEXT_INPUTS.has((el as HTMLInputElement).type);
  return el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable;
}

/**
 * Space on a control reached with the keyboard presses it, as everywhere; on a
 * control last reached with the mouse (it keeps focus after the click) Space
 * is the lab's shortcut again, so a click never silently switches shortcuts
 * off. The modality is tracked here: Chromium's :focus-visible keeps the
 * keyboard's verdict after earlier key presses.
 */
let pointerFocus = false;
function spacePressesControl(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || pointerFocus) return false;
  return el.tagName === 'BUTTON' || el.tagName === 'SUMMARY' || el.tagName === 'A' || (el.tagName === 'INPUT' && ['checkbox', 'radio'].includes((el as HTMLInputElement).type));
}

/** Space start/pause/resume, Esc stop (or close a dialog), 1–9 the scenario's presets, P present, Q share this lab, ? help; whenever focus is not in a text field. */
export function useKeyboardShortcuts(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      const lab = useLabStore.getState();
      const view = useViewStore.getState();
      if (e.key === 'Escape') {
        if (useShareLabStore.getState().open) useShareLabStore.getState().close();
        else if (view.showShortcuts) view.toggleShortcuts(false);
        else void lab.stop();
        return;
      }
      if (typingInto(e.target)) return;
      if (e.key === ' ') {
        if (spacePressesControl(e.target)) return;
        e.preventDefault();
        const action = spaceAction(Object.values(lab.active));
        if (action === 'start') void lab.start();
        else if (action === 'resume') void lab.resume();
        else void lab.pause();
      } else if (e.key === '?') {
        view.toggleShortcuts();
      } else if (e.key === 'p' || e.key === 'P') {
        view.setPresenting(!view.presenting);
      } else if (e.key === 'q' || e.key === 'Q') {
        useShareLabStore.getState().toggle();
      } else if (/^[1-9]$/.test(e.key)) {
        const preset = presetsFor(useConfigStore.getState().config.scenario)[Number(e.key) - 1];
        if (!preset) return;
        if (view.heldGroups.has('presets')) useNoticeStore.getState().notify(`Key ${e.key} would choose the preset “${preset.title}”, but the strategy presets are locked or hidden here.`, 'info');
        else useConfigStore.getState().applyPreset(preset.name);
      }
    };
    const onPointer = () => (pointerFocus = true);
    const onTab = (e: KeyboardEvent) => {
      if (e.key === 'Tab') pointerFocus = false;
    };
    window.addEventListener('pointerdown', onPointer, true);
    window.addEventListener('keydown', onTab, true);
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('pointerdown', onPointer, true);
      window.removeEventListener('keydown', onTab, true);
      window.removeEventListener('keydown', onKey);
    };
  }, []);
}
