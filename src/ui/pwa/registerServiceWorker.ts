/// <reference types="vite-plugin-pwa/vanillajs" />
/**
 * Registers the built lab's service worker (vite-plugin-pwa and Workbox;
 * what it caches: scripts/lib/offlinePwa.ts) and wires its news to the page:
 * the footer's offline line (offlineStore.ts) and the new-version notice
 * (updatePrompt.ts). Whatever goes wrong here, the page works as it would
 * without a service worker: registration is never awaited by anything.
 */
import { registerSW } from 'virtual:pwa-register';
import { useLabStore } from '../../store/lab';
import { useNoticeStore } from '../../store/noticeStore';
import { useQueueStore } from '../../store/queueStore';
import { useOfflineStore } from './offlineStore';
import { updatePrompt } from './updatePrompt';

/** A lab left open through a day's workshop still hears of a new deployment. */
const CHECK_FOR_UPDATE_MS = 60 * 60 * 1000;

/** Runs in progress, or a queue going on: a reload now would cut them off. */
function training(): boolean {
  const queue = useQueueStore.getState();
  return Object.keys(useLabStore.getState().active).length > 0 || (queue.items.length > 0 && !queue.held);
}

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** Marks the lab not kept offline if the first install of the worker fails (it turns redundant with none active). */
function watchInstall(registration: ServiceWorkerRegistration): void {
  const setOffline = useOfflineStore.getState().set;
  const watch = (worker: ServiceWorker | null) =>
    worker?.addEventListener('statechange', () => {
      if (worker.state === 'redundant' && !registration.active) setOffline({ kind: 'failed', reason: 'its files could not all be saved' });
    });
  watch(registration.installing);
  registration.addEventListener('updatefound', () => watch(registration.installing));
}

export function registerServiceWorker(): void {
  const setOffline = useOfflineStore.getState().set;
  if (import.meta.env.DEV) return;
  // Before asking for the API: an insecure page has none, and the reason is worth saying.
  if (!window.isSecureContext) return setOffline({ kind: 'insecure' });
  if (!('serviceWorker' in navigator)) return;
  setOffline({ kind: 'saving' });
  const prompt = updatePrompt({
    busy: training,
    watchBusy: (listener) => {
      const stops = [useLabStore.subscribe(listener), useQueueStore.subscribe(listener)];
      return () => stops.forEach((stop) => stop());
    },
    say: (text, action) => useNoticeStore.getState().notify(text, 'info', action),
    activate: () => void update(),
    reload: () => location.reload(),
  });
  // A new version took over: the controller changes from one worker to another. (The first install's
  // claim of this page changes it from none.) Watched here rather than through the library's event,
  // which leaves out a page first opened before any worker controlled it.
  let controller = navigator.serviceWorker.controller;
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    const previous = controller;
    controller = navigator.serviceWorker.controller;
    if (previous) prompt.controlled();
  });
  const update = registerSW({
    onNeedRefresh: prompt.waiting,
    // Never the library's own reload: controllerchange above says when a new version took over.
    onNeedReload: () => undefined,
    onOfflineReady: () => setOffline({ kind: 'ready' }),
    onRegisteredSW: (_url, registration) => {
      if (!registration) return;
      if (registration.active) setOffline({ kind: 'ready' });
      else watchInstall(registration);
      setInterval(() => {
        if (navigator.onLine) registration.update().catch(() => undefined);
      }, CHECK_FOR_UPDATE_MS);
    },
    onRegisterError: (err) => setOffline({ kind: 'failed', reason: messageOf(err) }),
  });
}
