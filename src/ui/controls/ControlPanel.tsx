import { countAllParams, countTrainableParams } from '../../engine/experiment/paramCount';
import { sectionOf } from '../../engine/config/sections';
import { useConfigStore } from '../../store/configStore';
import { useLabStore } from '../../store/lab';
import { useViewStore } from '../../store/viewStore';
import { Control } from './Control';
import { CONTROL_GROUPS } from './controlSpecs';
import { PresetBar } from './PresetBar';

/** Every lever of the config schema, grouped as the lab tells its story. */
export function ControlPanel() {
  const config = useConfigStore((s) => s.config);
  const errors = useConfigStore((s) => s.errors);
  const set = useConfigStore((s) => s.set);
  const reset = useConfigStore((s) => s.reset);
  const phase = useLabStore((s) => s.phase);
  const model = useLabStore((s) => s.backend?.model);
  const hidden = useViewStore((s) => s.hiddenGroups);
  const locked = useViewStore((s) => s.lockedGroups);
  const busy = phase === 'running' || phase === 'paused';
  const errorFor = (key: string) => errors.find((e) => e.key === key)?.message;
  const strayErrors = errors.filter((e) => !CONTROL_GROUPS.some((g) => g.controls.some((c) => c.key === e.key)));
  // A link hides or locks a whole group (`method`) or a config section within one (`lora`).
  const inSet = (set: ReadonlySet<string>, group: string, key: string) => set.has(group) || set.has(sectionOf(key));

  return (
    <section className="controls" aria-label="Experiment settings">
      {!hidden.has('presets') && <PresetBar disabled={busy || locked.has('presets')} />}
      {model && (
        <p className="param-count" data-testid="param-count">
          Trains <strong>{countTrainableParams(config, model.dims, model.seenTokens).toLocaleString()}</strong> of{' '}
          {countAllParams(model.dims).toLocaleString()} parameters
        </p>
      )}
      {strayErrors.length > 0 && (
        <p role="alert" className="error">
          {strayErrors.map((e) => `${e.key}: ${e.message}`).join('; ')}
        </p>
      )}
      {CONTROL_GROUPS.filter((g) => !hidden.has(g.id)).map((group) => {
        const isLocked = locked.has(group.id);
        const controls = group.controls.filter((c) => (!c.visible || c.visible(config)) && !inSet(hidden, group.id, c.key));
        if (!controls.length) return null;
        return (
          <fieldset key={group.id} className="group" data-group={group.id} disabled={busy || isLocked}>
            <legend>
              {group.title}
              {isLocked && <span className="lock" title="locked by this link"> 🔒</span>}
            </legend>
            {controls.map((spec) => (
              <Control
                key={spec.key}
                spec={spec}
                config={config}
                error={errorFor(spec.key)}
                disabled={busy || inSet(locked, group.id, spec.key)}
                onChange={set}
              />
            ))}
          </fieldset>
        );
      })}
      <button type="button" className="secondary" onClick={reset} disabled={busy || locked.size > 0}>
        Reset to defaults
      </button>
    </section>
  );
}
