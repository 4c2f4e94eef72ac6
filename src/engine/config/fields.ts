/**
 * What each config key accepts, read from the zod schema itself, so the
 * controls, the link tests' generator and anything else that needs a key's
 * range take it from the one place that enforces it.
 */
import { configSchema, type SliderHint } from './schema';

export type Field =
  | {
      kind: 'number';
      min: number;
      max: number;
      integer: boolean;
      /** min itself is not allowed */
      minExclusive: boolean;
      /** The slider's range, if the schema gives one (schema.ts SliderHint). */
      slider?: SliderHint;
      /** A slider range per value of another key (reg.strength by reg.kind). */
      sliderBy?: { key: string; hints: Readonly<Record<string, SliderHint>> };
    }
  | { kind: 'enum'; values: readonly string[] }
  | { kind: 'boolean' }
  | { kind: 'list'; values: readonly string[]; minLength: number }
  /** Free text set by the lab, not a control (domainHash, domainName: the custom text panel sets them). */
  | { kind: 'string' };

interface ZodLike {
  def: { type: string; innerType?: ZodLike; element?: ZodLike; shape?: Record<string, ZodLike>; checks?: Array<{ _zod: { def: { check: string; value?: number; inclusive?: boolean; minimum?: number } } }> };
  shape?: Record<string, ZodLike>;
  options?: readonly string[];
  minValue?: number | null;
  maxValue?: number | null;
  isInt?: boolean;
  meta?: () => { slider?: SliderHint; sliderBy?: { key: string; hints: Record<string, SliderHint> } } | undefined;
}

/** The schema node under defaults and prefaults. */
function unwrap(node: ZodLike): ZodLike {
  let n = node;
  while ((n.def.type === 'default' || n.def.type === 'prefault' || n.def.type === 'optional') && n.def.innerType) n = n.def.innerType;
  return n;
}

function fieldOf(node: ZodLike, key: string): Field {
  const n = unwrap(node);
  switch (n.def.type) {
    case 'number': {
      const exclusive = n.def.checks?.some((c) => c._zod.def.check === 'greater_than' && c._zod.def.inclusive === false) ?? false;
      const meta = n.meta?.();
      return {
        kind: 'number',
        min: n.minValue ?? -Infinity,
        max: n.maxValue ?? Infinity,
        integer: Boolean(n.isInt),
        minExclusive: exclusive,
        ...(meta?.slider ? { slider: meta.slider } : {}),
        ...(meta?.sliderBy ? { sliderBy: meta.sliderBy } : {}),
      };
    }
    case 'enum':
      return { kind: 'enum', values: n.options ?? [] };
    case 'boolean':
      return { kind: 'boolean' };
    case 'string':
      return { kind: 'string' };
    case 'array': {
      const min = n.def.checks?.find((c) => c._zod.def.check === 'min_length')?._zod.def.minimum ?? 0;
      return { kind: 'list', values: unwrap(n.def.element!).options ?? [], minLength: min };
    }
    default:
      throw new Error(`config key '${key}' has a schema of type '${n.def.type}' that fields.ts does not describe`);
  }
}

function collect(node: ZodLike, prefix: string, out: Record<string, Field>): void {
  const n = unwrap(node);
  if (n.def.type === 'object') {
    for (const [k, child] of Object.entries(n.shape ?? n.def.shape ?? {})) collect(child, prefix ? `${prefix}.${k}` : k, out);
  } else out[prefix] = fieldOf(n, prefix);
}

const FIELDS: Record<string, Field> = {};
collect(configSchema as unknown as ZodLike, '', FIELDS);

/** Every config key's field, by dotted key. */
export function configFields(): Readonly<Record<string, Field>> {
  return FIELDS;
}
