import { useId } from 'react';
import type { ExperimentConfig } from '../../engine/config/schema';
import { flattenConfig } from '../../engine/config/keys';
import { glossaryFor } from '../../teach/glossary';
import { compact } from '../format';
import { GlossaryLinks } from '../teach/GlossaryLink';
import { widgetFor, type ControlSpec } from './controlSpecs';

interface Props {
  spec: ControlSpec;
  config: ExperimentConfig;
  /** The model's depth, for controls bounded by it. */
  layers?: number;
  /** A line under the control: a derived value worth seeing (LoRA's scale). */
  note?: string;
  error?: string;
  disabled: boolean;
  onChange: (key: string, value: unknown) => void;
}

const toSlider = (value: number, log?: boolean) => (log ? Math.log10(Math.max(value, 1e-12)) : value);
/** A slider position to a value: two significant digits on a log scale, whole numbers for integer keys. */
const fromSlider = (position: number, log: boolean, integer: boolean) => {
  const value = log ? Number((10 ** position).toPrecision(2)) : position;
  return integer ? Math.round(value) : value;
};

/** One control from the control table, labelled, with its help text and any error by name. */
export function Control({ spec, config, layers, note, error, disabled, onChange }: Props) {
  const id = useId();
  const value = flattenConfig(config)[spec.key];
  const widget = widgetFor(spec, config, layers);
  const helpId = `${id}-help`;
  const common = { id, disabled, 'aria-describedby': helpId, 'data-key': spec.key, 'aria-invalid': Boolean(error) };
  let input: React.ReactNode;
  switch (widget.kind) {
    case 'select':
      input = (
        <select {...common} value={String(value)} onChange={(e) => onChange(spec.key, e.target.value)}>
          {widget.options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      );
      break;
    case 'toggle':
      input = <input {...common} type="checkbox" checked={Boolean(value)} onChange={(e) => onChange(spec.key, e.target.checked)} />;
      break;
    case 'targets': {
      const chosen = new Set(value as string[]);
      input = (
        <span className="targets" role="group" aria-describedby={helpId} data-key={spec.key}>
          {widget.options.map((t) => (
            <label key={t}>
              <input
                type="checkbox"
                disabled={disabled}
                checked={chosen.has(t)}
                onChange={(e) => {
                  const next = widget.options.filter((o) => (o === t ? e.target.checked : chosen.has(o)));
                  onChange(spec.key, next);
                }}
              />
              {t}
            </label>
          ))}
        </span>
      );
      break;
    }
    case 'sequence': {
      const order = value as string[];
      input = (
        <span className="targets sequence" role="group" aria-describedby={helpId} data-key={spec.key}>
          {widget.options.map((t) => {
            const place = order.indexOf(t);
            return (
              <label key={t}>
                <input
                  type="checkbox"
                  disabled={disabled}
                  checked={place >= 0}
                  onChange={(e) => onChange(spec.key, e.target.checked ? [...order, t] : order.filter((o) => o !== t))}
                />
                {place >= 0 ? `${place + 1}. ${t}` : t}
              </label>
            );
          })}
          {order.length > 0 && <span className="muted sequence-order">{order.join(' → ')}</span>}
        </span>
      );
      break;
    }
    case 'slider': {
      const v = value as number;
      const lo = toSlider(widget.min, widget.log);
      const hi = toSlider(widget.max, widget.log);
      input = (
        <span className="slider">
          <input
            {...common}
            type="range"
            min={lo}
            max={hi}
            step={widget.log ? 0.05 : widget.step}
            value={Math.min(hi, Math.max(lo, toSlider(v, widget.log)))}
            onChange={(e) => onChange(spec.key, fromSlider(Number(e.target.value), widget.log, widget.integer))}
          />
          <NumberBox value={v} disabled={disabled} label={spec.label} onCommit={(n) => onChange(spec.key, n)} />
        </span>
      );
      break;
    }
    case 'number':
      input = <NumberBox {...common} value={value as number} disabled={disabled} label={spec.label} onCommit={(n) => onChange(spec.key, n)} />;
      break;
  }
  return (
    <div className={`control${error ? ' invalid' : ''}`}>
      <label htmlFor={widget.kind === 'targets' || widget.kind === 'sequence' ? undefined : id}>{spec.label}</label>
      {input}
      {note && <small className="note">{note}</small>}
      <small id={helpId} className="help">
        {error ? <span className="error-text">{spec.key}: {error}</span> : spec.help}
      </small>
      {/* Outside the description: a screen reader hears the help once, and the links as links. */}
      <GlossaryLinks entries={glossaryFor(spec.key, `${spec.label} ${spec.help}`)} />
    </div>
  );
}

/** A number field that commits on blur or Enter, so typing "0.0" on the way to "0.05" is not rejected. */
function NumberBox({
  value,
  disabled,
  label,
  onCommit,
  ...rest
}: { value: number; disabled: boolean; label: string; onCommit: (n: unknown) => void } & Record<string, unknown>) {
  return (
    <input
      {...rest}
      key={value}
      className="number"
      type="text"
      inputMode="decimal"
      aria-label={rest.id ? undefined : `${label} value`}
      defaultValue={compact(value)}
      disabled={disabled}
      onBlur={(e) => commit(e.currentTarget.value)}
      onKeyDown={(e) => {
        if (e.key === 'Enter') commit(e.currentTarget.value);
      }}
    />
  );

  function commit(text: string) {
    if (text.trim() === compact(value)) return;
    const n = Number(text);
    onCommit(text.trim() === '' || !Number.isFinite(n) ? text : n);
  }
}
