import { describe, expect, it } from 'vitest';
import { NEW_VERSION, UPDATED_ELSEWHERE, updatePrompt, WAITS_FOR_RUNS, type UpdateHooks } from './updatePrompt';

/** A page with a settable "training" flag; records what it says and does. */
function page(training = false) {
  const listeners = new Set<() => void>();
  const said: { text: string; label: string; run: () => void }[] = [];
  const done: string[] = [];
  let busy = training;
  const hooks: UpdateHooks = {
    busy: () => busy,
    watchBusy: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    say: (text, action) => said.push({ text, ...action }),
    activate: () => done.push('activate'),
    reload: () => done.push('reload'),
  };
  return {
    prompt: updatePrompt(hooks),
    said,
    done,
    listeners,
    setBusy: (value: boolean) => {
      busy = value;
      for (const l of [...listeners]) l();
    },
    /** Presses the button of the last notice. */
    press: () => said.at(-1)!.run(),
  };
}

describe('the new-version prompt', () => {
  it('says a new version is ready and does nothing until Reload is pressed', () => {
    const p = page();
    p.prompt.waiting();
    expect(p.said.map((s) => [s.text, s.label])).toEqual([[NEW_VERSION, 'Reload']]);
    expect(p.done).toEqual([]);
  });

  it('with nothing training, Reload lets the new version take over, and the page reloads once it controls', () => {
    const p = page();
    p.prompt.waiting();
    p.press();
    expect(p.done).toEqual(['activate']);
    p.prompt.controlled();
    expect(p.done).toEqual(['activate', 'reload']);
  });

  it('Reload pressed while a run trains waits for it: the new version takes over only once nothing trains', () => {
    const p = page(true);
    p.prompt.waiting();
    p.press();
    expect(p.said.at(-1)!.text).toBe(WAITS_FOR_RUNS);
    expect(p.done).toEqual([]);
    p.setBusy(true);
    expect(p.done).toEqual([]);
    p.setBusy(false);
    expect(p.done).toEqual(['activate']);
    expect(p.listeners.size).toBe(0);
  });

  it('Cancel while waiting stops the wait and offers Reload again', () => {
    const p = page(true);
    p.prompt.waiting();
    p.press();
    p.press(); // Cancel
    expect(p.listeners.size).toBe(0);
    expect(p.said.at(-1)!.text).toBe(NEW_VERSION);
    p.setBusy(false);
    expect(p.done).toEqual([]);
  });

  it('a page whose new version came from another tab is never reloaded by it: it says so and offers Reload, which waits for its runs', () => {
    const p = page(true);
    p.prompt.waiting();
    p.prompt.controlled();
    expect(p.done).toEqual([]);
    expect(p.said.at(-1)!.text).toBe(UPDATED_ELSEWHERE);
    p.press();
    expect(p.done).toEqual([]);
    p.setBusy(false);
    expect(p.done).toEqual(['reload']);
  });

  it('a run started between Reload and the takeover delays the reload until it is done', () => {
    const p = page();
    p.prompt.waiting();
    p.press();
    p.setBusy(true);
    p.prompt.controlled();
    expect(p.done).toEqual(['activate']);
    p.setBusy(false);
    expect(p.done).toEqual(['activate', 'reload']);
  });
});
