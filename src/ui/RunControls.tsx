import { useLabStore } from '../store/lab';
import type { ActiveRun } from '../store/labStore';
import { useQueueStore } from '../store/queueStore';
import { lastStepOf } from '../runs/run';
import type { TimeLeft } from '../runs/timeLeft';
import { totalSteps } from '../engine/stream/stream';
import { useRunsStore } from '../store/runsStore';
import { duration } from './format';
import { JumpToCharts } from './JumpToCharts';
import { StartFrom } from './StartFrom';
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
      <StartFrom />
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

/** Seconds with a tenth under 10 s (a default run lasts a few seconds), else minutes and seconds. */
function timeLeftText(ms: number): string {
  return ms < 9_950 ? `${(Math.max(0, ms) / 1000).toFixed(1)} s` : duration(ms / 1000);
}

/** The pace and time left, once the pace of the steady steps is known. */
function paceText(left: TimeLeft): string {
  if (!left.known) return 'measuring pace…';
  return `${left.stepsPerSec.toFixed(1)} steps/s · about ${timeLeftText(left.msLeft)} left`;
}

/** One run in progress: its name, step, pace and time left (from the worker's own timing of its steps and evaluations: runs/timeLeft.ts; the figure counts down: runs/countdown.ts). */
function RunProgress({ id, run, first }: { id: string; run: ActiveRun; first: boolean }) {
  const record = useRunsStore((s) => s.runs.find((r) => r.id === id));
  if (!record) return null;
  const step = lastStepOf(record);
  const total = totalSteps(record.config);
  return (
    <div className="run-progress">
      <progress max={total} value={step} aria-label={`Training progress of ${record.name}`} />
      <span data-testid={first ? 'progress-text' : 'progress-text-more'} data-held-at={run.heldAt ?? undefined}>
        {`step ${step}/${total} · ${run.paused ? 'paused' : paceText(run.timeLeft.left)}`}
      </span>
      <span className="muted run-progress-name">{record.name}</span>
    </div>
  );
}
