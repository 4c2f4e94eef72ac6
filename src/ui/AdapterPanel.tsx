import { useEffect, useMemo } from 'react';
import { describeScenario } from '../engine/scenarios/registry';
import type { LibraryAdapter } from '../runs/adapterLibrary';
import { activePlugs } from '../store/adapterStore';
import { useAdapterStore } from '../store/adapters';
import { useConfigStore } from '../store/configStore';
import { useLabStore } from '../store/lab';
import { pct, pts } from './format';
import { MergeIntoBase } from './StartFrom';
import { useAdapterLibrary } from './useAdapterLibrary';

const weightOf = (text: string) => (text.trim() === '' ? Number.NaN : Number(text));

/**
 * The adapter library: every LoRA run's adapter with its task, size and the
 * run's scores; plug one or several into the base model, each with a weight,
 * and the worker scores every ability with them (nothing plugged, or the
 * switch off: the base model, exactly).
 */
export function AdapterPanel() {
  const scenario = useConfigStore((s) => s.config.scenario);
  const ready = useLabStore((s) => s.phase === 'ready');
  const { library: all } = useAdapterLibrary();
  const library = useMemo(() => all.filter((a) => a.scenario === scenario), [all, scenario]);
  const { plugged, on, result, busy, error } = useAdapterStore();
  const { setPlug, setOn, evaluate } = useAdapterStore.getState();
  const plugs = activePlugs({ plugged, on }, scenario, library);
  const plugKey = JSON.stringify(plugs);
  /** The steps the plugged adapters stand at: a plugged adapter of a run in progress is scored again when it moves on. */
  const stepKey = library
    .filter((a) => plugs[a.id] !== undefined)
    .map((a) => a.step)
    .join(',');
  const { metrics } = describeScenario(scenario);
  const taskWord = metrics.task;

  useEffect(() => {
    if (ready && library.length) void evaluate(scenario, library);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- re-scored when what is plugged changes
  }, [ready, scenario, plugKey, stepKey, library.length]);

  if (!library.length) {
    return (
      <p className="muted" data-testid="adapter-library-empty">
        No adapters in this scenario yet: every LoRA run keeps its adapter here (from its first evaluation on, and for good once it finishes), to plug into the base model or take out again.
      </p>
    );
  }
  const shown = result && result.scenario === scenario && JSON.stringify(result.plugs) === plugKey ? result : null;
  const stepOf = (a: LibraryAdapter) => (a.training ? ` (training: its adapter at step ${a.step})` : '');
  const names = shown && Object.keys(shown.scores);
  const pluggedNames = library.filter((a) => plugs[a.id] !== undefined).map((a) => `${a.name} × ${plugs[a.id]}`);
  return (
    <div className="adapter-library" data-testid="adapter-library">
      <p className="muted">
        Each LoRA run keeps its adapter: a few numbers beside the frozen base. Plug one or several in (W = W0 + Σ w·(α/r)·B·A) and every{' '}
        {metrics.ability} and {taskWord} is scored again in the worker; take them out and the base model is back, exactly.
      </p>
      <label className="switch">
        <input type="checkbox" role="switch" checked={on} onChange={(e) => setOn(e.target.checked)} data-testid="adapters-on" /> Adapters plugged in
      </label>
      <div className="teach-scroll" role="region" aria-labelledby="adapter-table-caption" tabIndex={0}>
        <table data-testid="adapter-table">
          <caption id="adapter-table-caption">Adapter library ({library.length})</caption>
          <thead>
            <tr>
              <th scope="col">Plug</th>
              <th scope="col">Adapter (run)</th>
              <th scope="col">Trained on</th>
              <th scope="col">Size</th>
              <th scope="col">Run's {taskWord} / general</th>
              <th scope="col">Weight</th>
            </tr>
          </thead>
          <tbody>
            {library.map((a) => {
              const checked = plugged[a.id] !== undefined;
              return (
                <tr key={a.id} data-testid="adapter-row" data-task={a.task}>
                  <td>
                    <input type="checkbox" checked={checked} aria-label={`plug in ${a.name}`} onChange={(e) => setPlug(a.id, e.target.checked ? (plugged[a.id] ?? 1) : null)} />
                  </td>
                  <td>
                    {a.name}
                    {a.training && <span className="muted">{stepOf(a)}</span>}
                  </td>
                  <td>
                    {a.task}
                    {a.onTopOf.length > 0 && <span className="muted"> (on top of merged {a.onTopOf.join(', ')})</span>}
                  </td>
                  <td>
                    {a.params.toLocaleString()} numbers, {a.kb.toFixed(1)} KB (r{a.rank} α{a.alpha})
                  </td>
                  <td>
                    {a.taskAcc === null ? '–' : pct(a.taskAcc)} / {a.generalAcc === null ? '–' : pct(a.generalAcc)}
                  </td>
                  <td>
                    <input
                      type="number"
                      step={0.1}
                      className="adapter-weight"
                      aria-label={`weight of ${a.name}`}
                      disabled={!checked}
                      defaultValue={plugged[a.id] ?? 1}
                      onChange={(e) => checked && setPlug(a.id, weightOf(e.target.value))}
                    />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <MergeIntoBase library={library} plugs={plugs} />
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <p className="muted" aria-live="polite" data-testid="adapter-status">
        {statusText(shown, busy, pluggedNames, describeScenario(scenario).evalSize)}
      </p>
      {shown && names && (
        <div className="teach-scroll" role="region" aria-labelledby="adapter-scores-caption" tabIndex={0}>
          <table data-testid="adapter-scores">
            <caption id="adapter-scores-caption">
              Every ability with what is plugged, beside the base model ({metrics.accuracyShort}
              {shown.preview ? `, a first look on ${shown.preview} examples each` : ''})
            </caption>
            <thead>
              <tr>
                <th scope="col">Ability</th>
                <th scope="col">Kind</th>
                <th scope="col">Base</th>
                <th scope="col">Plugged</th>
                <th scope="col">Change (points)</th>
              </tr>
            </thead>
            <tbody>
              {names.map((name) => {
                const b = shown.baseScores.scores[name]?.acc;
                const p = shown.scores[name].acc;
                return (
                  <tr key={name} data-skill={name}>
                    <td>{name}</td>
                    <td>{shown.general.includes(name) ? 'general' : taskWord}</td>
                    <td>{b === undefined ? '–' : pct(b, 1)}</td>
                    <td className="acc">{pct(p, 1)}</td>
                    <td>{b === undefined ? '–' : pts(p - b)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

/** What the scores below are: a first look on part of each held-out set (the whole sets follow), or the whole sets and their time. */
function statusText(shown: ReturnType<typeof useAdapterStore.getState>['result'], busy: boolean, plugged: string[], evalSize: number): string {
  const what = plugged.length ? `Plugged: ${plugged.join(', ')}` : 'Nothing plugged: the base model';
  if (shown?.preview) return `${what}; a first look on ${shown.preview} of ${evalSize} examples per ability (${shown.ms.toFixed(0)} ms); scoring all ${evalSize}…`;
  if (busy) return 'Scoring…';
  if (!shown) return '';
  // Nothing plugged is the base model, whose scores are known: no time to report.
  return plugged.length ? `${what}; scored in ${shown.ms.toFixed(0)} ms on all ${evalSize} examples per ability.` : `${what}, on all ${evalSize} examples per ability.`;
}
