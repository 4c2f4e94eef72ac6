import { BACKEND_LABELS, BACKENDS } from '../engine/backend/names';
import type { BackendChoice } from '../worker/backendChoice';
import { useLabStore } from '../store/lab';
import { backendHeadline } from '../store/backendTiming';
import { useViewStore } from '../store/viewStore';
import { useShareLabStore } from '../store/shareLabStore';

const CHOICES: { value: BackendChoice; label: string }[] = [{ value: 'auto', label: 'auto' }, ...BACKENDS.map((b) => ({ value: b, label: BACKEND_LABELS[b] }))];

/** Title, the backend badge (which backend runs and why) and the backend choice. */
export function Header() {
  const choice = useLabStore((s) => s.backendChoice);
  const backend = useLabStore((s) => s.backend);
  const phase = useLabStore((s) => s.phase);
  const connect = useLabStore((s) => s.connect);
  const remeasure = useLabStore((s) => s.remeasure);
  const toggleShortcuts = useViewStore((s) => s.toggleShortcuts);
  const presenting = useViewStore((s) => s.presenting);
  const setPresenting = useViewStore((s) => s.setPresenting);
  const busy = useLabStore((s) => Object.keys(s.active).length > 0);
  return (
    <header className="top">
      <h1>Forgetting Lab</h1>
      <p className="tagline">Fine-tune a small transformer in your browser and watch it forget.</p>
      <div className="backend">
        {backend ? (
          // Plain words first; the figures, and why other backends were not timed, one click (or Enter) away.
          <details className="backend-details" data-testid="backend-details">
            <summary className="badge" data-testid="backend-badge">
              {backendHeadline(backend)}
            </summary>
            <p className="backend-reason" data-testid="backend-reason">
              {backend.label !== BACKEND_LABELS[backend.name] && `${backend.label}: `}
              {backend.reason}
              {backend.measuredAt && ` (measured ${new Date(backend.measuredAt).toLocaleDateString()})`}
            </p>
          </details>
        ) : (
          <span className="badge" data-testid="backend-badge">
            {phase === 'failed' ? 'no backend' : phase === 'measuring' ? 'timing backends…' : 'starting…'}
          </span>
        )}
        {choice === 'auto' && backend && backend.results.length > 1 && (
          <button type="button" className="small" disabled={busy} onClick={() => void remeasure()} data-testid="remeasure">
            Measure again
          </button>
        )}
        <label>
          Backend{' '}
          <select value={choice} disabled={busy} onChange={(e) => void connect(e.target.value as BackendChoice)} data-testid="backend-choice">
            {CHOICES.map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="small" aria-pressed={presenting} onClick={() => setPresenting(!presenting)} data-testid="present" title="Large type for a projector (key P)">
          Present <kbd>P</kbd>
        </button>
        <button type="button" className="small" onClick={() => useShareLabStore.getState().show()} data-testid="share-lab-header" title="A QR code of this experiment and the lab's address, for the projector (key Q)">
          Share <kbd>Q</kbd>
        </button>
        <button type="button" className="small" onClick={() => toggleShortcuts()} aria-label="keyboard shortcuts">
          ?
        </button>
      </div>
    </header>
  );
}
