import { useEffect, useState } from 'react';
import { useConfigStore } from '../store/configStore';
import { useLabStore } from '../store/lab';
import { runPace } from '../store/labStore';
import { lastStepOf } from '../store/run';
import { useRunsStore } from '../store/runsStore';
import { duration } from './format';

/** Start, pause, resume and stop, with progress, steps/s and time left. */
export function RunControls() {
  const phase = useLabStore((s) => s.phase);
  const message = useLabStore((s) => s.message);
  const clock = useLabStore((s) => s.clock);
  const heldAt = useLabStore((s) => s.heldAt);
  const activeRunId = useLabStore((s) => s.activeRunId);
  const { start, pause, resume, stop } = useLabStore.getState();
  const steps = useConfigStore((s) => s.config.steps);
  const activeRun = useRunsStore((s) => s.runs.find((r) => r.id === activeRunId));
  const step = activeRun ? lastStepOf(activeRun) : 0;
  const total = activeRun?.config.steps ?? steps;
  const [, tick] = useState(0);
  // Refresh the pace once a second even between event batches.
  useEffect(() => {
    if (phase !== 'running') return;
    const timer = setInterval(() => tick((n) => n + 1), 1000);
    return () => clearInterval(timer);
  }, [phase]);
  const pace = runPace(clock, step, total);
  const busy = phase === 'running' || phase === 'paused';

  return (
    <section className="run-controls" aria-label="Run">
      <div className="buttons">
        {!busy && (
          <button type="button" className="primary" onClick={() => void start()} disabled={phase !== 'ready' && phase !== 'measuring'} data-testid="start">
            Start <kbd>Space</kbd>
          </button>
        )}
        {phase === 'running' && (
          <button type="button" className="primary" onClick={pause} data-testid="pause">
            Pause <kbd>Space</kbd>
          </button>
        )}
        {phase === 'paused' && (
          <button type="button" className="primary" onClick={resume} data-testid="resume">
            Resume <kbd>Space</kbd>
          </button>
        )}
        {busy && (
          <button type="button" onClick={stop} data-testid="stop">
            Stop <kbd>Esc</kbd>
          </button>
        )}
      </div>
      <div className="progress" aria-live="polite">
        <progress max={total} value={busy ? step : 0} aria-label="Training progress" />
        <span data-testid="progress-text" data-held-at={heldAt ?? undefined}>
          {busy
            ? `step ${step}/${total}${phase === 'paused' ? ' · paused' : ''}${pace ? ` · ${pace.stepsPerSec.toFixed(1)} steps/s · ${duration(pace.etaSec)} left` : ''}`
            : phase === 'starting' || phase === 'measuring'
              ? (message ?? 'loading the base model…')
              : phase === 'failed'
                ? 'the lab could not start'
                : 'ready'}
        </span>
      </div>
      {message && phase !== 'starting' && phase !== 'measuring' && (
        <p className={phase === 'failed' || /diverged|error|failed/i.test(message) ? 'error' : 'muted'} role="status" data-testid="run-message">
          {message}
        </p>
      )}
    </section>
  );
}
