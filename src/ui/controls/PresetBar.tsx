import { findPreset, presetsFor } from '../../engine/config/presets';
import { useConfigStore } from '../../store/configStore';
import { LockIcon } from '../LockIcon';
import { SECTION_TITLES } from './controlSpecs';

/** The scenario's strategies, one click each, with the chosen one's plain-language explanation. */
export function PresetBar({ disabled }: { disabled: boolean }) {
  const preset = useConfigStore((s) => s.preset);
  const applyPreset = useConfigStore((s) => s.applyPreset);
  const scenario = useConfigStore((s) => s.config.scenario);
  const chosen = preset ? findPreset(preset) : undefined;
  const presets = presetsFor(scenario);
  return (
    // A group like the settings' own, titled as the introduction and the instructor options name it.
    <fieldset className="group presets" data-group="presets" disabled={disabled}>
      <legend>
        {SECTION_TITLES.presets}
        {disabled && (
          <span className="lock">
            {' '}
            <LockIcon label="locked by this link" />
          </span>
        )}
      </legend>
      <div className="preset-buttons">
        {presets.map((p, i) => (
          <button
            key={p.name}
            type="button"
            aria-pressed={preset === p.name}
            disabled={disabled}
            onClick={() => applyPreset(p.name)}
            title={`${p.title} (key ${i + 1})`}
            data-preset={p.name}
          >
            {p.title}
          </button>
        ))}
      </div>
      <p className="explanation" data-testid="preset-explanation">
        {chosen ? chosen.explanation : `Custom settings: press a strategy above to start from one of the ${presets.length}.`}
      </p>
    </fieldset>
  );
}
