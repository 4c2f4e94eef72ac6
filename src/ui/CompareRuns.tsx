import { useMemo, useState } from 'react';
import { settingText } from '../engine/config/diff';
import { compareMetrics, compareSettings, type MetricRow } from '../runs/compareRuns';
import type { Run } from '../runs/run';
import { useCompareStore } from '../store/compareStore';
import { useRunsStore } from '../store/runsStore';
import { pct, pts } from './format';
import { RunAnswers } from './GenerationsPanel';
import './compare.css';

const SECTION_ID = 'compare';

/** Moves focus (and the view) to the comparison, for the run list's "Go to the comparison". */
export function focusComparison(): void {
  const section = document.getElementById(SECTION_ID);
  section?.scrollIntoView({ block: 'start' });
  section?.focus({ preventScroll: true });
}

const signed = (x: number, digits: number) => `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(digits)}`;

/** A metric's value in its unit, as the rest of the page writes it (points as in the run list). */
function valueText(row: MetricRow, x: number | null): string {
  if (x === null) return '—';
  switch (row.unit) {
    case 'points':
      return pts(x);
    case 'percent':
      return pct(x, 1);
    case 'bits':
      return x.toFixed(3);
    case 'count':
      return x.toLocaleString('en');
    case 'ms':
      return `${x.toFixed(0)} ms`;
  }
}

function deltaText(row: MetricRow): string {
  if (row.delta === null) return '—';
  switch (row.unit) {
    case 'points':
      return pts(row.delta);
    case 'percent':
      return `${pts(row.delta)} pts`;
    case 'bits':
      return signed(row.delta, 3);
    case 'count':
      return `${row.delta >= 0 ? '+' : '−'}${Math.abs(row.delta).toLocaleString('en')}`;
    case 'ms':
      return `${signed(row.delta, 0)} ms`;
  }
}

const BETTER_TEXT: Record<NonNullable<MetricRow['better']>, string> = { a: 'A', b: 'B', same: 'tie' };

/** The two picked runs, if both still exist; the view follows their names and status, not every step. */
function usePickedRuns(): { picked: readonly string[]; runs: Run[] } {
  const picked = useCompareStore((s) => s.picked);
  const key = useRunsStore((s) =>
    picked
      .map((id) => s.runs.find((r) => r.id === id))
      .map((r) => (r ? `${r.id}:${r.name}:${r.status}:${r.events.length}` : ''))
      .join('|'),
  );
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const runs = useMemo(() => picked.map((id) => useRunsStore.getState().runs.find((r) => r.id === id)).filter((r): r is Run => Boolean(r)), [key]);
  return { picked, runs };
}

function RunTag({ letter, run, color }: { letter: string; run: Run; color: string | undefined }) {
  return (
    <span className="compare-tag">
      <span className="compare-letter">{letter}</span>
      <span className={`swatch${color ? '' : ' none'}`} style={color ? { background: color } : undefined} aria-hidden="true" /> {run.name}
    </span>
  );
}

/**
 * Two runs side by side: their settings with the differences marked, their
 * results with B − A, and each one's answers beside the base model's. Opens
 * when two Compare boxes in the run list are ticked.
 */
export function CompareRuns({ colors }: { colors: ReadonlyMap<string, string> }) {
  const { runs } = usePickedRuns();
  const [onlyDiffs, setOnlyDiffs] = useState(false);
  const settings = useMemo(() => (runs.length === 2 ? compareSettings(runs[0].config, runs[1].config) : []), [runs]);
  const metrics = useMemo(() => (runs.length === 2 ? compareMetrics(runs[0], runs[1]) : null), [runs]);
  if (runs.length < 2 || !metrics) return null;
  const [a, b] = runs;
  const differing = settings.filter((r) => r.differs).length;
  const shown = onlyDiffs ? settings.filter((r) => r.differs) : settings;
  return (
    <section className="compare" id={SECTION_ID} tabIndex={-1} aria-labelledby="compare-title" data-testid="compare">
      <div className="compare-head">
        <h2 id="compare-title">Compare two runs</h2>
        <button type="button" className="small" onClick={() => useCompareStore.getState().clear()} data-testid="compare-close">
          Close the comparison
        </button>
      </div>
      <p className="compare-runs">
        <RunTag letter="A" run={a} color={colors.get(a.id)} /> <RunTag letter="B" run={b} color={colors.get(b.id)} />
      </p>
      <div className="compare-grid">
        <div className="compare-block">
          <h3>Settings</h3>
          <p className="compare-summary">
            {differing ? `${differing} setting${differing > 1 ? 's' : ''} differ${differing > 1 ? '' : 's'}, marked ≠.` : 'The same settings.'}{' '}
            <label>
              <input type="checkbox" checked={onlyDiffs} onChange={(e) => setOnlyDiffs(e.currentTarget.checked)} /> only the differences
            </label>
          </p>
          <table className="compare-table" data-testid="compare-settings">
            <caption className="sr-only">
              Settings of A, {a.name}, and B, {b.name}
            </caption>
            <thead>
              <tr>
                <th scope="col">Setting</th>
                <th scope="col">A</th>
                <th scope="col">B</th>
                <th scope="col" className="narrow">
                  Same?
                </th>
              </tr>
            </thead>
            <tbody>
              {shown.map((r) => (
                <tr key={r.key} className={r.differs ? 'differs' : undefined} data-key={r.key} data-differs={r.differs}>
                  <th scope="row">{r.key}</th>
                  <td>{r.a === undefined ? <span title="not a setting of this run's scenario">—</span> : settingText(r.a)}</td>
                  <td>{r.b === undefined ? <span title="not a setting of this run's scenario">—</span> : settingText(r.b)}</td>
                  <td className="compare-mark">
                    {r.differs ? (
                      <>
                        <span aria-hidden="true">≠ </span>differs
                      </>
                    ) : (
                      'same'
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div className="compare-block">
          <h3>Results</h3>
          {metrics.note && <p className="compare-summary">{metrics.note}</p>}
          <table className="compare-table" data-testid="compare-metrics">
            <caption className="sr-only">
              Results of A, {a.name}, and B, {b.name}, with the difference B minus A and which run did better
            </caption>
            <thead>
              <tr>
                <th scope="col">Metric</th>
                <th scope="col">A</th>
                <th scope="col">B</th>
                <th scope="col">B − A</th>
                <th scope="col" className="narrow">
                  Better
                </th>
              </tr>
            </thead>
            <tbody>
              {metrics.rows.map((r) => (
                <tr key={r.id} data-metric={r.id}>
                  <th scope="row">{r.label}</th>
                  <td className={r.better === 'a' ? 'better' : undefined}>{valueText(r, r.a)}</td>
                  <td className={r.better === 'b' ? 'better' : undefined}>{valueText(r, r.b)}</td>
                  <td data-testid="compare-delta">{deltaText(r)}</td>
                  <td>{r.better ? BETTER_TEXT[r.better] : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
      <h3>Answers, before and after</h3>
      <div className="compare-grid answers">
        {runs.map((run, i) => (
          <div className="compare-block" key={run.id}>
            <h4>
              <RunTag letter={i ? 'B' : 'A'} run={run} color={colors.get(run.id)} />
            </h4>
            {/* Scrolls sideways where a long answer is wider than its column: a labelled stop for the keyboard. */}
            <div className="compare-answers" role="region" aria-label={`answers of ${run.name}`} tabIndex={0}>
              <RunAnswers run={run} testId={`compare-answers-${i ? 'b' : 'a'}`} />
            </div>
          </div>
        ))}
      </div>
    </section>
  );
}
