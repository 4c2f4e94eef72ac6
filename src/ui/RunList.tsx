import { memo, useMemo, useState } from 'react';
import type { ExperimentConfig } from '../engine/config/schema';
import { describeChanges } from '../engine/config/diff';
import { errorOf, summaryOf, type Run } from '../store/run';
import { useRunsStore } from '../store/runsStore';
import { useViewStore } from '../store/viewStore';
import { runColor } from './colors';
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

/** Every run with what changed from the run before it, its result, backend and time. */
export function RunList() {
  const runs = useRunsStore((s) => s.runs);
  const focusId = useViewStore((s) => s.focusRunId);
  const phase = useLabStore((s) => s.phase);
  if (!runs.length) return <p className="muted">No runs yet. Pick a strategy and press Start.</p>;
  return (
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
          <RunRow key={run.id} run={run} previous={runs[i - 1]?.config ?? null} index={i} focused={focusId === run.id} canVerify={phase === 'ready'} />
        ))}
      </tbody>
    </table>
  );
}

/** One row; memoised, so while a run streams only its own row redraws. */
const RunRow = memo(function RunRow({
  run,
  previous,
  index,
  focused,
  canVerify,
}: {
  run: Run;
  previous: ExperimentConfig | null;
  index: number;
  focused: boolean;
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
        <span className="swatch" style={{ background: runColor(index) }} aria-hidden="true" />
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
      <td className="diff">{changed}</td>
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
        <button type="button" className="small" disabled={run.status === 'running' || run.status === 'paused'} onClick={() => remove(run.id)} aria-label={`delete ${run.name}`}>
          Delete
        </button>
      </td>
    </tr>
  );
});
