import { countAllParams, countTrainableParams } from '../../engine/experiment/paramCount';
import { Fragment } from 'react';
import type { ExperimentConfig } from '../../engine/config/schema';
import { sectionOf } from '../../engine/config/sections';
import { loraScale } from '../../engine/model/shapes';
import { useConfigStore } from '../../store/configStore';
import { useLabStore } from '../../store/lab';
import { useViewStore } from '../../store/viewStore';
import { Control } from './Control';
import { CONTROL_GROUPS } from './controlSpecs';
import { CUSTOM_DOMAIN } from '../../engine/scenarios/text/customText';
import { CustomTextPanel } from '../CustomTextPanel';
import { PresetBar } from './PresetBar';
import { LockIcon } from '../LockIcon';
import { sectionList } from '../teach/sectionList';

/** How many parameters train; LoRA at a high rank can train more than the model has. */
function ParamCount({ trainable, total }: { trainable: number; total: number }) {
  return (
    <p className="param-count" data-testid="param-count">
      {trainable <= total ? (
        <>
          Trains <strong>{trainable.toLocaleString()}</strong> of {total.toLocaleString()} parameters ({((100 * trainable) / total).toFixed(trainable < total / 100 ? 2 : 0)}%)
        </>
      ) : (
        <>
          Trains <strong>{trainable.toLocaleString()}</strong> adapter parameters: more than the model's own {total.toLocaleString()}
        </>
      )}
    </p>
  );
}

/** LoRA's scale as the adapter applies it. */
function scaleNote(config: ExperimentConfig): string {
  const { rank, alpha, rslora } = config.lora;
  return `scale s = ${rslora ? 'α/√r' : 'α/r'} = ${Number(loraScale({ rank, alpha, rslora }).toPrecision(3))}`;
}

/** Every lever of the config schema, grouped as the lab tells its story. */
export function ControlPanel() {
  const config = useConfigStore((s) => s.config);
  const errors = useConfigStore((s) => s.errors);
  const set = useConfigStore((s) => s.set);
  const reset = useConfigStore((s) => s.reset);
  const keepScale = useConfigStore((s) => s.keepLoraScale);
  const setKeepScale = useConfigStore((s) => s.setKeepLoraScale);
  // The model of the config's scenario, known once its base model has been scored (the text one loads only when used).
  const model = useLabStore((s) => s.bases[config.scenario]?.model);
  const hidden = useViewStore((s) => s.hiddenGroups);
  const locked = useViewStore((s) => s.lockedGroups);
  const held = useViewStore((s) => s.heldGroups);
  const errorFor = (key: string) => errors.find((e) => e.key === key)?.message;
  const strayErrors = errors.filter((e) => !CONTROL_GROUPS.some((g) => g.controls.some((c) => c.key === e.key)));
  // A link hides or locks a whole group (`method`) or a config section within one (`lora`).
  const inSet = (set: ReadonlySet<string>, group: string, key: string) => set.has(group) || set.has(sectionOf(key));

  return (
    <section className="controls" aria-label="Experiment settings">
      {!hidden.has('presets') && <PresetBar disabled={held.has('presets')} />}
      {hidden.size > 0 && (
        <p className="muted held-note" data-testid="hidden-note">
          <LockIcon label="held" /> Hidden by this link, and held as it set them: {sectionList([...hidden])}.
        </p>
      )}
      {model && <ParamCount trainable={countTrainableParams(config, model.dims, model.seenTokens)} total={countAllParams(model.dims)} />}
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
          <fieldset key={group.id} className="group" data-group={group.id} disabled={isLocked}>
            <legend>
              {group.title}
              {isLocked && (
                <span className="lock">
                  {' '}
                  <LockIcon label="locked by this link" />
                </span>
              )}
            </legend>
            {controls.map((spec) => (
              <Fragment key={spec.key}>
                <Control
                  spec={spec}
                  config={config}
                  layers={model?.dims.nLayers}
                  note={spec.key === 'lora.alpha' ? scaleNote(config) : undefined}
                  error={errorFor(spec.key)}
                  disabled={inSet(locked, group.id, spec.key)}
                  onChange={set}
                />
                {spec.key === 'domain' && config.domain === CUSTOM_DOMAIN && <CustomTextPanel disabled={inSet(locked, group.id, spec.key)} />}
                {spec.key === 'lora.alpha' && (
                  <label className="control inline-toggle">
                    <input type="checkbox" checked={keepScale} disabled={inSet(locked, group.id, spec.key)} onChange={(e) => setKeepScale(e.target.checked)} data-testid="keep-lora-scale" />{' '}
                    keep {config.lora.rslora ? 'α/√r' : 'α/r'} fixed when the rank moves
                  </label>
                )}
              </Fragment>
            ))}
          </fieldset>
        );
      })}
      <button type="button" className="secondary" onClick={reset} disabled={held.size > 0}>
        Reset to defaults
      </button>
    </section>
  );
}
