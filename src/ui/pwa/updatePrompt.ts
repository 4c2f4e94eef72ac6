/**
 * What the page says and does when a new version of the lab has been
 * deployed and its service worker is installed, waiting: a notice with a
 * Reload button. Nothing reloads by itself, and a Reload pressed while runs
 * train waits until they are done (or stopped): a reload would cut them off.
 * Plain logic over injected hooks (registerServiceWorker.ts wires them to the
 * service worker and the stores), so it is tested without a browser.
 */

export const NEW_VERSION = 'A new version of the lab is ready — reload to use it.';
export const WAITS_FOR_RUNS = 'The new version loads as soon as the runs in progress are done or stopped: nothing is cut off.';
export const UPDATED_ELSEWHERE = 'The lab was updated in another tab — reload this one to use the new version.';

interface Action {
  label: string;
  run: () => void;
}

export interface UpdateHooks {
  /** Whether a reload now would cut off training: runs in progress, or a queue going on. */
  busy: () => boolean;
  /** Calls back whenever busy() may have changed; returns what stops it. */
  watchBusy: (listener: () => void) => () => void;
  say: (text: string, action: Action) => void;
  /** Lets the waiting version take over this page (and the lab's other tabs); controlled() follows. */
  activate: () => void;
  reload: () => void;
}

export interface UpdatePrompt {
  /** A new version is installed and waits. */
  waiting: () => void;
  /** A new version now controls this page: after Reload here, or after Reload in another of the lab's tabs. */
  controlled: () => void;
}

export function updatePrompt(hooks: UpdateHooks): UpdatePrompt {
  /** Reload was pressed here: the new version taking over is this page's cue to reload. */
  let asked = false;
  let stopWatching: (() => void) | null = null;

  /** Runs `then` now if nothing trains, else once nothing does (unless cancelled). */
  const whenIdle = (then: () => void, again: () => void) => {
    stopWatching?.();
    stopWatching = null;
    if (!hooks.busy()) return then();
    const stop = hooks.watchBusy(() => {
      if (hooks.busy() || stopWatching !== stop) return;
      stop();
      stopWatching = null;
      then();
    });
    stopWatching = stop;
    hooks.say(WAITS_FOR_RUNS, {
      label: 'Cancel',
      run: () => {
        if (stopWatching === stop) {
          stop();
          stopWatching = null;
        }
        again();
      },
    });
  };

  const offerReload = (text: string, then: () => void) => {
    const offer = () => hooks.say(text, { label: 'Reload', run: () => whenIdle(then, offer) });
    offer();
  };

  return {
    waiting: () =>
      offerReload(NEW_VERSION, () => {
        asked = true;
        hooks.activate();
      }),
    controlled: () => {
      if (asked) whenIdle(hooks.reload, () => offerReload(NEW_VERSION, hooks.reload));
      else offerReload(UPDATED_ELSEWHERE, hooks.reload);
    },
  };
}
