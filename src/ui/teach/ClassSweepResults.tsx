import { useMemo } from 'react';
import { mergeClassSweep } from '../../share/classSweepMerge';
import type { ClassView } from '../../share/classView';
import type { Run } from '../../runs/run';
import { LeverChart } from '../charts/LeverChart';
import type { ChartRun } from '../charts/useChartRuns';

/**
 * The class sweep's grid filled from everyone's runs: how far it is, the
 * slots still missing (so the instructor can ask someone to run them), what
 * was counted once, what belongs to another sweep, and the one lever curve
 * or heatmap with mean ± sd over everyone's seeds.
 */
export function ClassSweepResults({ view }: { view: ClassView }) {
  const sweep = view.sweep!;
  const merged = useMemo(() => mergeClassSweep(sweep, view.runs), [sweep, view.runs]);
  const chartRuns = useMemo((): ChartRun[] => {
    const byId = new Map(view.runs.map((r) => [r.id, r]));
    const axes = sweep.axes.map((a) => a.key);
    return merged.grid.flatMap((cell) => {
      const run = byId.get(merged.filledBy.get(cell.position) ?? '');
      if (!run) return [];
      const asRun: Run = {
        id: run.id,
        name: `${run.participant} · ${run.name}`,
        config: run.config,
        backend: run.backend,
        events: run.events,
        status: 'done',
        hidden: false,
        startedAt: 0,
        origin: 'shared',
        sweep: { id: sweep.id, name: `the class's ${sweep.name}`, axes, values: cell.values, seed: cell.seed },
      };
      return [{ run: asRun, color: '#000', dimmed: false }];
    });
  }, [merged, view.runs, sweep]);
  const participants = new Set(view.runs.filter((r) => chartRuns.some((c) => c.run.id === r.id)).map((r) => r.participant)).size;

  return (
    <section className="class-sweep-results" aria-labelledby="class-sweep-title" data-testid="class-sweep-results">
      <h3 id="class-sweep-title">Class sweep: {sweep.name}</h3>
      {merged.errors.length > 0 ? (
        <p className="error" role="alert">
          This class sweep cannot be gathered here: {merged.errors.join('; ')}
        </p>
      ) : (
        <>
          <p data-testid="class-sweep-progress">
            {merged.results.length} of {merged.grid.length} runs in, from {participants} participant(s), {sweep.slots} slot(s).
            {merged.duplicates > 0 && ` ${merged.duplicates} run(s) of a cell already in (sent twice, or run by two participants) counted once.`}
          </p>
          {merged.missingSlots.length > 0 ? (
            <div data-testid="class-sweep-missing">
              <p>
                Missing: {merged.missingSlots.filter((m) => m.missing.length === m.of).length} slot(s) with nothing in yet,{' '}
                {merged.missingSlots.filter((m) => m.missing.length < m.of).length} in part.
              </p>
              <ul>
                {merged.missingSlots.map((m) => (
                  <li key={m.slot}>
                    slot {m.slot}: {m.missing.length === m.of ? `all ${m.of} run(s)` : `${m.missing.length} of ${m.of}`} ({m.missing.join(', ')})
                  </li>
                ))}
              </ul>
            </div>
          ) : (
            <p data-testid="class-sweep-complete">Every slot is in: the whole grid has run.</p>
          )}
          {merged.foreignSources.length > 0 && (
            <p className="warning-text" role="status" data-testid="class-sweep-foreign">
              Not part of this class sweep (none of their runs is a cell of its grid; another class sweep's, or other settings): {merged.foreignSources.join(', ')}.
              Their runs stay in the tables below, off the curve.
            </p>
          )}
          {merged.outside > 0 && merged.foreignSources.length === 0 && (
            <p className="muted">{merged.outside} other run(s) in the class view are not cells of this grid, and are left off the curve.</p>
          )}
          {merged.results.length === 0 && <p className="muted">The class's lever curve appears here as their results links and files come in.</p>}
          {/* The whole grid, so a cell nobody has run yet shows empty. */}
          <LeverChart runs={chartRuns} id="class-lever" axes={sweep.axes} />
        </>
      )}
    </section>
  );
}
