import { memo, useMemo, useState } from 'react';
import type { ExperimentConfig } from '../engine/config/schema';
import { describeChanges } from '../engine/config/diff';
import { errorOf, summaryOf, type Run } from '../runs/run';
import { useRunsStore } from '../store/runsStore';
import { useViewStore } from '../store/viewStore';
import { useNoticeStore } from '../store/noticeStore';
import { clockTime, pts } from './format';
import { useLabStore } from '../store/lab';
import { runsToCsv, runsToJson } from '../share/runFile';
import { downloadText, fileSafe } from './download';

const STATUS_TEXT: Record<Run['status'], string> = {
  running: 'running',
  paused: 'paused',
  done: 'done',
  stopped: 'stopped',
  error: 'error',
  interrupted: 'interrupted',
};

/** Removes runs, and says so with a way back. */
function clearRuns(pick: (run: Run) => boolean, what: string): void {
  const { removed, undo } = useRunsStore.getState().removeWhere(pick);
  if (removed) useNoticeStore.getState().notify(`Removed ${removed} ${what} run(s).`, 'info', { label: 'Undo', run: undo });
}

const rowKey = (run: Run) => `${run.id}:${run.name}:${run.status}:${run.hidden}:${run.verdict?.match}:${run.events.at(-1)?.type === 'done'}`;

const isStopped = (run: Run) => run.status === 'stopped' || run.status === 'error' || run.status === 'interrupted';

/** Every run with what changed from the run before it, its result, backend and time. */
export function RunList({ colors }: { colors: ReadonlyMap<string, string> }) {
  // A row shows nothing that changes between a live run's steps, so the list follows this key, not every batch of events.
  const key = useRunsStore((s) => s.runs.map(rowKey).join('|'));
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const runs = useMemo(() => useRunsStore.getState().runs, [key]);
  const focusId = useViewStore((s) => s.focusRunId);
  const spotlight = useViewStore((s) => s.spotlight);
  const phase = useLabStore((s) => s.phase);
  if (!runs.length) return <p className="muted">No runs yet. Pick a strategy and press Start.</p>;
  const stopped = runs.filter(isStopped).length;
  return (
    <>
    <div className="buttons run-list-actions">
      <button type="button" className="small" disabled={!stopped} onClick={() => clearRuns(isStopped, 'stopped or failed')} data-testid="clear-stopped">
        Clear stopped ({stopped})
      </button>
      <button type="button" className="small" onClick={() => clearRuns(() => true, 'finished')} data-testid="clear-all">
        Clear all
      </button>
      {spotlight && (
        <button type="button" className="small" onClick={() => useViewStore.getState().setSpotlight(null)} data-testid="focus-off">
          Show all runs
        </button>
      )}
    </div>
    {/* Wide on a phone: the table scrolls inside a labelled region that a keyboard can reach. */}
    <div className="table-scroll" role="region" aria-label="Runs table" tabIndex={0}>
    <table className="run-list" data-testid="run-list">
      <thead>
        <tr>
          <th scope="col">Show</th>
          <th scope="col">Run</th>
          <th scope="col">Changed from the run before</th>
          <th scope="col">Task gain</th>
          <th scope="col">Forgetting</th>
          <th scope="col">Backend</th>
          <th scope="col">Time</th>
          <th scope="col">Status</th>
          <th scope="col">
            <span className="sr-only">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {runs.map((run, i) => (
          <RunRow
            key={run.id}
            run={run}
            previous={runs[i - 1]?.config ?? null}
            color={colors.get(run.id) ?? null}
            focused={focusId === run.id}
            spotlit={spotlight !== null && (spotlight.kind === 'run' ? spotlight.id === run.id : spotlight.id === run.sweep?.id)}
            canVerify={phase === 'ready'}
          />
        ))}
      </tbody>
    </table>
    </div>
    </>
  );
}

/** One row; memoised, so a change to one run redraws its own row only. */
const RunRow = memo(function RunRow({
  run,
  previous,
  color,
  focused,
  spotlit,
  canVerify,
}: {
  run: Run;
  previous: ExperimentConfig | null;
  /** Its chart colour: finished runs only. */
  color: string | null;
  focused: boolean;
  spotlit: boolean;
  canVerify: boolean;
}) {
  const { rename, toggleHidden, remove } = useRunsStore.getState();
  const setFocus = useViewStore((s) => s.setFocus);
  const start = useLabStore((s) => s.start);
  const [editing, setEditing] = useState(false);
  const changed = useMemo(() => (previous ? describeChanges(previous, run.config) : '—'), [previous, run.config]);
  const summary = summaryOf(run);
  const error = errorOf(run);
  return (
    <tr data-run-id={run.id} className={`${run.hidden ? 'hidden-run' : ''}${focused ? ' focused' : ''}`}>
      <td>
        <input type="checkbox" checked={!run.hidden} onChange={() => toggleHidden(run.id)} aria-label={`show ${run.name} on the charts`} />
      </td>
      <td>
        <span className={`swatch${color ? '' : ' none'}`} style={color ? { background: color } : undefined} aria-hidden="true" />
        {editing ? (
          <input
            className="rename"
            autoFocus
            defaultValue={run.name}
            aria-label="run name"
            maxLength={60}
            onBlur={(e) => {
              rename(run.id, e.currentTarget.value);
              setEditing(false);
            }}
            onKeyDown={(e) => {
              if (e.key === 'Enter') e.currentTarget.blur();
              if (e.key === 'Escape') setEditing(false);
            }}
          />
        ) : (
          <button type="button" className="link" onClick={() => setFocus(focused ? null : run.id)} title="show this run in the per-skill, drift and generation panels" data-testid="run-name">
            {run.name}
          </button>
        )}
      </td>
      <td className="diff">
        {run.sweep && <span className="sweep-tag">{run.sweep.name} · seed {run.sweep.seed}</span>}
        {changed}
      </td>
      <td data-testid="run-gain">{summary ? pts(summary.taskGain) : '—'}</td>
      <td data-testid="run-forgetting">{summary ? pts(summary.forgetting) : '—'}</td>
      <td>{run.backend}</td>
      <td>
        {clockTime(run.startedAt)}
        {summary ? ` · ${summary.msPerStep.toFixed(0)} ms/step` : ''}
      </td>
      <td data-testid="run-status" title={error ?? undefined}>
        {STATUS_TEXT[run.status]}
        {run.origin && <span className="origin"> ({run.origin === 'shared' ? 'from link' : 'imported'})</span>}
        {run.verdict && (
          <span className={run.verdict.match ? 'verdict match' : 'verdict differs'} data-testid="verdict" title={run.verdict.detail}>
            {run.verdict.match ? ' ✓ matches' : ' ✗ differs'}
          </span>
        )}
      </td>
      <td className="actions">
        <button
          type="button"
          className={`small${spotlit ? ' pressed' : ''}`}
          aria-pressed={spotlit}
          onClick={() => useViewStore.getState().setSpotlight(spotlit ? null : { kind: 'run', id: run.id })}
          aria-label={`focus the charts on ${run.name}`}
        >
          Focus
        </button>
        {run.sweep && (
          <button
            type="button"
            className="small"
            onClick={() => useViewStore.getState().setSpotlight({ kind: 'sweep', id: run.sweep!.id })}
            aria-label={`focus the charts on the sweep ${run.sweep.name}`}
          >
            Focus sweep
          </button>
        )}
        {run.origin === 'shared' && (
          <button type="button" className="small" disabled={!canVerify} onClick={() => void start({ verifies: run.id })} data-testid="verify">
            Re-run to verify
          </button>
        )}
        <button type="button" className="small" onClick={() => downloadText(`${fileSafe(run.name)}.json`, runsToJson([run]), 'application/json')} aria-label={`export ${run.name} as JSON`}>
          JSON
        </button>
        <button type="button" className="small" onClick={() => downloadText(`${fileSafe(run.name)}.csv`, runsToCsv([run]), 'text/csv')} aria-label={`export ${run.name} as CSV`}>
          CSV
        </button>
        <button type="button" className="small" onClick={() => setEditing(true)} aria-label={`rename ${run.name}`}>
          Rename
        </button>
        {run.status === 'running' || run.status === 'paused' ? (
          <button type="button" className="small" onClick={() => void useLabStore.getState().stopRun(run.id)} aria-label={`stop ${run.name}`}>
            Stop
          </button>
        ) : (
          <button type="button" className="small" onClick={() => remove(run.id)} aria-label={`delete ${run.name}`}>
            Delete
          </button>
        )}
      </td>
    </tr>
  );
});
