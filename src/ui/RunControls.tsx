import { useEffect, useState } from 'react';
import { useLabStore } from '../store/lab';
import { runPace, type ActiveRun } from '../store/labStore';
import { useQueueStore } from '../store/queueStore';
import { lastStepOf } from '../runs/run';
import { totalSteps } from '../engine/stream/stream';
import { useRunsStore } from '../store/runsStore';
import { duration } from './format';
import { JumpToCharts } from './JumpToCharts';
import { spaceAction } from './useKeyboardShortcuts';

/** Start (or add to the queue), pause, resume and stop, with each run's progress, pace and time left. */
export function RunControls() {
  const phase = useLabStore((s) => s.phase);
  const message = useLabStore((s) => s.message);
  const active = useLabStore((s) => s.active);
  const { start, pause, resume, stop } = useLabStore.getState();
  const queued = useQueueStore((s) => s.items.length);
  const held = useQueueStore((s) => s.held);
  const ids = Object.keys(active);
  const busy = ids.length > 0;
  const paused = busy && ids.every((id) => active[id].paused);
  const [, tick] = useState(0);
  // Refresh the pace once a second even between event batches.
  useEffect(() => {
    if (!busy || paused) return;
    const timer = setInterval(() => tick((n) => n + 1), 1000);
    return () => clearInterval(timer);
  }, [busy, paused]);
  const ready = phase === 'ready' || phase === 'measuring';

  return (
    <section className="run-controls" aria-label="Run">
      <div className="buttons">
        <button type="button" className="primary" id="start" onClick={() => void start()} disabled={!ready} data-testid="start">
          {busy || queued ? 'Add to queue' : 'Start'}
          {/* Space starts only while nothing trains; then it pauses or resumes, and its keycap moves there. */}
          {spaceAction(Object.values(active)) === 'start' && <> <kbd>Space</kbd></>}
        </button>
        {busy && !paused && (
          <button type="button" onClick={() => void pause()} data-testid="pause">
            Pause <kbd>Space</kbd>
          </button>
        )}
        {paused && (
          <button type="button" className="primary" onClick={() => void resume()} data-testid="resume">
            Resume <kbd>Space</kbd>
          </button>
        )}
        {busy && (
          <button type="button" onClick={() => void stop()} data-testid="stop">
            Stop <kbd>Esc</kbd>
          </button>
        )}
        <JumpToCharts />
      </div>
      {/* Not a live region: it changes several times a second; the run message below announces what matters. */}
      <div className="progress">
        {busy ? (
          ids.map((id, i) => <RunProgress key={id} id={id} run={active[id]} first={i === 0} />)
        ) : (
          <>
            <progress max={1} value={0} aria-label="Training progress" />
            <span data-testid="progress-text">
              {phase === 'starting' || phase === 'measuring' ? (message ?? 'loading the base model…') : phase === 'failed' ? 'the lab could not start' : 'ready'}
            </span>
          </>
        )}
        {queued > 0 && (
          <span className="muted" data-testid="queue-count">
            {queued} queued{held ? ' (held: press Run queue to go on)' : ''}
          </span>
        )}
      </div>
      {message && phase !== 'starting' && phase !== 'measuring' && (
        <p className={phase === 'failed' || /diverged|error|failed/i.test(message) ? 'error' : 'muted'} role="status" data-testid="run-message">
          {message}
        </p>
      )}
    </section>
  );
}

/** One run in progress: its name, step, pace and time left. */
function RunProgress({ id, run, first }: { id: string; run: ActiveRun; first: boolean }) {
  const record = useRunsStore((s) => s.runs.find((r) => r.id === id));
  if (!record) return null;
  const step = lastStepOf(record);
  const total = totalSteps(record.config);
  const pace = runPace(run.clock, step, total);
  return (
    <div className="run-progress">
      <progress max={total} value={step} aria-label={`Training progress of ${record.name}`} />
      <span data-testid={first ? 'progress-text' : 'progress-text-more'} data-held-at={run.heldAt ?? undefined}>
        {`step ${step}/${total}${run.paused ? ' · paused' : ''}${pace && !run.paused ? ` · ${pace.stepsPerSec.toFixed(1)} steps/s · ${duration(pace.etaSec)} left` : ''}`}
      </span>
      <span className="muted run-progress-name">{record.name}</span>
    </div>
  );
}
