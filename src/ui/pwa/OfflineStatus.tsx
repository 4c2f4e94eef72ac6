import { useOfflineStore } from './offlineStore';

/** One line in the footer: whether the lab opens here without network (docs/deploy.md, "Offline after one visit"). */
export function OfflineStatus() {
  const state = useOfflineStore((s) => s.state);
  const text = {
    none: null,
    insecure: 'Not kept for offline use: browsers keep a lab offline only from an https or localhost address.',
    saving: 'Saving the lab in this browser for offline use…',
    ready: 'Kept in this browser: the lab opens and trains without network.',
    failed: `Not kept for offline use (${state.kind === 'failed' ? state.reason : ''}); it works online as usual.`,
  }[state.kind];
  if (!text) return null;
  return (
    <span data-testid="offline-status" data-state={state.kind}>
      {' '}
      {text}
    </span>
  );
}
