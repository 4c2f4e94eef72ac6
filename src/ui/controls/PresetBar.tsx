import { findPreset, presetsFor } from '../../engine/config/presets';
import { useConfigStore } from '../../store/configStore';

/** The scenario's strategies, one click each, with the chosen one's plain-language explanation. */
export function PresetBar({ disabled }: { disabled: boolean }) {
  const preset = useConfigStore((s) => s.preset);
  const applyPreset = useConfigStore((s) => s.applyPreset);
  const scenario = useConfigStore((s) => s.config.scenario);
  const chosen = preset ? findPreset(preset) : undefined;
  const presets = presetsFor(scenario);
  return (
    <div className="presets">
      <div role="group" aria-label="Strategy presets" className="preset-buttons">
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
    </div>
  );
}
