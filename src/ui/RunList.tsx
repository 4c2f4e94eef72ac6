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
import { textsForRuns } from '../store/customTexts';
import { downloadText, fileSafe } from './download';
import { useCompareStore } from '../store/compareStore';
import { focusComparison } from './CompareRuns';

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
  const picked = useCompareStore((s) => s.picked);
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
      <CompareHint runs={runs} picked={picked} />
    </div>
    {/* Fixed columns that fit the width: long names and changes are cut, in full on hover (title) and on keyboard focus; narrow, each run is a card. */}
    <div className="run-list-box">
    <table className="run-list" data-testid="run-list">
      <colgroup>
        <col className="col-show" />
        <col className="col-compare" />
        <col className="col-name" />
        <col className="col-diff" />
        <col className="col-gain" />
        <col className="col-forgetting" />
        <col className="col-status" />
        <col className="col-actions" />
      </colgroup>
      <thead>
        <tr>
          <th scope="col">Show</th>
          <th scope="col">Compare</th>
          <th scope="col">Run</th>
          <th scope="col">Changed from the run before</th>
          <th scope="col">Task gain</th>
          <th scope="col">Forgetting</th>
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
            compared={picked.includes(run.id)}
          />
        ))}
      </tbody>
    </table>
    </div>
    </>
  );
}

/** What the Compare boxes have picked, said where a screen reader hears it, with a way to the comparison. */
function CompareHint({ runs, picked }: { runs: readonly Run[]; picked: readonly string[] }) {
  const names = picked.map((id) => runs.find((r) => r.id === id)?.name).filter((n): n is string => Boolean(n));
  return (
    <span className="compare-hint" role="status" data-testid="compare-hint">
      {names.length === 1 && <span className="muted">Comparing: tick one more run’s Compare box.</span>}
      {names.length === 2 && (
        <button type="button" className="small" onClick={focusComparison}>
          Go to the comparison
        </button>
      )}
    </span>
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
  compared,
}: {
  run: Run;
  previous: ExperimentConfig | null;
  /** Its chart colour: finished runs only. */
  color: string | null;
  focused: boolean;
  spotlit: boolean;
  canVerify: boolean;
  /** Picked for the compare view. */
  compared: boolean;
}) {
  const { rename, toggleHidden, remove } = useRunsStore.getState();
  const setFocus = useViewStore((s) => s.setFocus);
  const start = useLabStore((s) => s.start);
  const [editing, setEditing] = useState(false);
  const [more, setMore] = useState(false);
  const changed = useMemo(() => (previous ? describeChanges(previous, run.config) : '—'), [previous, run.config]);
  const summary = summaryOf(run);
  const error = errorOf(run);
  const sweepTag = run.sweep ? `${run.sweep.name} · seed ${run.sweep.seed}` : '';
  return (
    <tr data-run-id={run.id} className={`${run.hidden ? 'hidden-run' : ''}${focused ? ' focused' : ''}`}>
      <td className="cell-show" data-label="Show">
        <input type="checkbox" checked={!run.hidden} onChange={() => toggleHidden(run.id)} aria-label={`show ${run.name} on the charts`} />
      </td>
      <td className="cell-compare" data-label="Compare">
        <input type="checkbox" checked={compared} onChange={() => useCompareStore.getState().toggle(run.id)} aria-label={`compare ${run.name}`} data-testid="compare-pick" />
      </td>
      <td className="cell-name">
        <div className="name-line">
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
          <button type="button" className="link run-name" onClick={() => setFocus(focused ? null : run.id)} title={run.name} data-testid="run-name">
            {run.name}
          </button>
        )}
        </div>
      </td>
      <td className="diff" title={sweepTag ? `${sweepTag}: ${changed}` : changed}>
        <span className="diff-text">
          {run.sweep && <span className="sweep-tag">{sweepTag}</span>}
          {changed}
        </span>
      </td>
      <td className="cell-number" data-label="Task gain" data-testid="run-gain">{summary ? pts(summary.taskGain) : '—'}</td>
      <td className="cell-number" data-label="Forgetting" data-testid="run-forgetting">{summary ? pts(summary.forgetting) : '—'}</td>
      <td className="cell-status">
        <span data-testid="run-status" title={error ?? undefined}>
          {STATUS_TEXT[run.status]}
          {run.origin && <span className="origin"> ({run.origin === 'shared' ? 'from link' : 'imported'})</span>}
          {run.verdict && (
            <span className={run.verdict.match ? 'verdict match' : 'verdict differs'} data-testid="verdict" title={run.verdict.detail}>
              {run.verdict.match ? ' ✓ matches' : ' ✗ differs'}
            </span>
          )}
        </span>
        <span className="run-when">
          {run.backend} · {clockTime(run.startedAt)}
          {summary ? ` · ${summary.msPerStep.toFixed(0)} ms/step` : ''}
        </span>
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
        {/* A run from a link or a file (its text of one's own with it) can be reproduced here. */}
        {(run.origin === 'shared' || run.origin === 'imported') && (
          <button type="button" className="small" disabled={!canVerify} onClick={() => void start({ verifies: run.id })} data-testid="verify">
            Re-run to verify
          </button>
        )}
        <button type="button" className="small" aria-expanded={more} onClick={() => setMore(!more)} aria-label={`more actions for ${run.name}`} data-testid="run-more">
          {more ? 'Less' : 'More'}
        </button>
        {run.status === 'running' || run.status === 'paused' ? (
          <button type="button" className="small" onClick={() => void useLabStore.getState().stopRun(run.id)} aria-label={`stop ${run.name}`}>
            Stop
          </button>
        ) : (
          <button type="button" className="small" onClick={() => remove(run.id)} aria-label={`delete ${run.name}`} data-testid="run-delete">
            Delete
          </button>
        )}
        {more && (
          <span className="more-actions">
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
            <button type="button" className="small" onClick={() => setEditing(true)} aria-label={`rename ${run.name}`}>
              Rename
            </button>
            <button type="button" className="small" onClick={() => void textsForRuns([run]).then((texts) => downloadText(`${fileSafe(run.name)}.json`, runsToJson([run], {}, texts), 'application/json'))} aria-label={`export ${run.name} as JSON`}>
              JSON
            </button>
            <button type="button" className="small" onClick={() => downloadText(`${fileSafe(run.name)}.csv`, runsToCsv([run]), 'text/csv')} aria-label={`export ${run.name} as CSV`}>
              CSV
            </button>
          </span>
        )}
      </td>
    </tr>
  );
});
