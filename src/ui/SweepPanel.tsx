import { useId, useMemo, useState } from 'react';
import { runName, settingText } from '../engine/config/naming';
import { expandSweep, suggestedValues, sweepableKeys, type SweepAxis } from '../engine/sweep/sweep';
import { useConfigStore } from '../store/configStore';
import { sweepRunConfig } from '../engine/sweep/loraScaleKept';
import { ClassSweepLinkMaker } from './ClassSweepLinkMaker';
import { useLabStore } from '../store/lab';
import { newRunId } from '../store/runsStore';
import { configFields } from '../engine/config/fields';

interface AxisDraft {
  key: string;
  /** Values as typed: comma-separated ('|' between alternatives of a list key such as lora.targets). */
  text: string;
}

const separator = (key: string) => (configFields()[key]?.kind === 'list' ? '|' : ',');
const textOf = (key: string, values: unknown[]) => values.map((v) => (Array.isArray(v) ? v.join(',') : String(v))).join(key && separator(key) === '|' ? ' | ' : ', ');
const valuesOf = (draft: AxisDraft) =>
  draft.text
    .split(separator(draft.key))
    .map((s) => s.trim())
    .filter(Boolean);

const withSeed = (name: string, seed: number, show: boolean) => (show ? `${name} · seed ${seed}` : name);

/**
 * Sweeps in one click: a knob (or two, for a grid), its values (suggested,
 * log-spaced where that is how the knob works), a number of seeds. The runs
 * go to the queue with the current settings as their base.
 */
export function SweepPanel() {
  const id = useId();
  const config = useConfigStore((s) => s.config);
  const ready = useLabStore((s) => s.phase === 'ready' || s.phase === 'measuring');
  const enqueue = useLabStore((s) => s.enqueue);
  const keys = useMemo(() => sweepableKeys({ scenario: config.scenario }), [config.scenario]);
  const [first, setFirst] = useState<AxisDraft>(() => ({ key: 'mix', text: textOf('mix', suggestedValues('mix', config)) }));
  const [second, setSecond] = useState<AxisDraft | null>(null);
  const [seeds, setSeeds] = useState(2);

  const drafts = second ? [first, second] : [first];
  const plan = useMemo(() => {
    const axes: SweepAxis[] = drafts.map((d) => ({ key: d.key, values: valuesOf(d) }));
    const seedList = Array.from({ length: Math.max(1, Math.min(10, seeds)) }, (_, i) => config.seed + i);
    return expandSweep({ base: config, axes, seeds: seedList }, { fromText: true });
    // drafts is rebuilt every render; its parts are the real inputs.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [first, second, seeds, config]);

  // The sweep's name says what it varies and from where ("mix sweep · LoRA adapter"), so two sweeps of one knob differ.
  const name = `${plan.axes.map((a) => a.key).join(' × ')} sweep · ${runName(config)}`.slice(0, 120);
  const keepLoraScale = useConfigStore((s) => s.keepLoraScale);
  const queue = () => {
    const sweepId = newRunId().replace('run-', 'sweep-');
    enqueue(
      plan.runs.map((run) => ({
        id: newRunId(),
        // Named by its swept values: in a sweep that is what tells its runs apart (the run list shows the rest).
        name: withSeed(run.label, run.seed, seeds > 1),
        // A swept rank brings its alpha along when the scale is kept, as the rank slider does.
        config: sweepRunConfig(run, config, keepLoraScale),
        sweep: { id: sweepId, name, axes: plan.axes.map((a) => a.key), values: run.values, seed: run.seed },
      })),
    );
  };

  const axisEditor = (draft: AxisDraft, set: (d: AxisDraft) => void, label: string) => (
    <div className="sweep-axis">
      <label htmlFor={`${id}-${label}-key`}>{label}</label>
      <select
        id={`${id}-${label}-key`}
        value={draft.key}
        data-testid={`sweep-key-${label === 'Knob' ? 1 : 2}`}
        onChange={(e) => set({ key: e.target.value, text: textOf(e.target.value, suggestedValues(e.target.value, config)) })}
      >
        {keys.map((k) => (
          <option key={k} value={k}>
            {k}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-${label}-values`} className="sr-only">
        values of {draft.key}
      </label>
      <input
        id={`${id}-${label}-values`}
        type="text"
        value={draft.text}
        data-testid={`sweep-values-${label === 'Knob' ? 1 : 2}`}
        onChange={(e) => set({ ...draft, text: e.target.value })}
        aria-describedby={`${id}-hint`}
      />
      <button type="button" className="small" onClick={() => set({ ...draft, text: textOf(draft.key, suggestedValues(draft.key, config)) })}>
        Suggest
      </button>
    </div>
  );

  return (
    <section className="sweep-panel" aria-labelledby={`${id}-title`} data-testid="sweep-panel">
      <h2 id={`${id}-title`}>Sweep a knob</h2>
      <p className="muted" id={`${id}-hint`}>
        Values separated by commas ({'|'} between target lists). Each value runs with the settings above, once per seed.
      </p>
      {axisEditor(first, setFirst, 'Knob')}
      {second ? (
        <>
          {axisEditor(second, setSecond, 'Second knob')}
          <button type="button" className="small" onClick={() => setSecond(null)}>
            One knob only
          </button>
        </>
      ) : (
        <button type="button" className="small" onClick={() => setSecond({ key: 'lr', text: textOf('lr', suggestedValues('lr', config)) })}>
          Add a second knob (a grid)
        </button>
      )}
      <div className="sweep-seeds">
        <label htmlFor={`${id}-seeds`}>Seeds</label>
        <input id={`${id}-seeds`} type="number" min={1} max={10} value={seeds} data-testid="sweep-seeds" onChange={(e) => setSeeds(Math.max(1, Math.min(10, Number(e.target.value) || 1)))} />
        <span className="muted">from seed {config.seed}</span>
      </div>
      {plan.errors.length > 0 && (
        <p className="error" role="alert">
          {plan.errors.map((e) => `${e.key}: ${e.message}`).join('; ')}
        </p>
      )}
      <p className="muted" data-testid="sweep-summary">
        {plan.axes.map((a) => `${a.values.length} value(s) of ${a.key}: ${a.values.map((v) => settingText(a.key, v, config)).join(', ')}`).join('; ')}
      </p>
      <button type="button" className="primary" disabled={!ready || !plan.runs.length || plan.errors.length > 0} onClick={queue} data-testid="queue-sweep">
        Queue {plan.runs.length} run{plan.runs.length === 1 ? '' : 's'}
      </button>
      <ClassSweepLinkMaker
        name={name}
        axes={plan.axes}
        seeds={[...new Set(plan.runs.map((r) => r.seed))]}
        runs={plan.runs.length}
        keepLoraScale={keepLoraScale}
        disabled={!plan.runs.length || plan.errors.length > 0}
      />
    </section>
  );
}
