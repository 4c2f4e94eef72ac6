/**
 * Sweeps: one knob (or two, for a grid) over a few values, each value over a
 * few seeds. Pure: the page (queue, lever curve, heatmap) and the command line
 * (`lab sweep`) expand the same spec into the same runs in the same order.
 */
import { CUSTOM_DOMAIN } from '../scenarios/text/customText';
import { configFields } from '../config/fields';
import { applySettings, CONFIG_KEYS, flattenConfig, isConfigKey, type ConfigError } from '../config/keys';
import { settingText, valueText } from '../config/naming';
import { keyApplies } from '../config/relevance';
import type { ExperimentConfig } from '../config/schema';

export interface SweepAxis {
  /** A dotted config key: 'mix', 'lora.rank', 'reg.strength'. */
  key: string;
  values: unknown[];
}

export interface SweepSpec {
  base: ExperimentConfig;
  /** One axis (a lever curve) or two (a grid). */
  axes: SweepAxis[];
  seeds: number[];
}

export interface SweepRun {
  config: ExperimentConfig;
  /** This run's value of each swept key. */
  values: Record<string, unknown>;
  seed: number;
  /** The value combination in words, the same for every seed: 'mix 0.5', 'lr 3e-4 · mix 0.5'. */
  label: string;
}

export interface SweepPlan {
  /** Value combinations in axis order (the first axis outermost), the seeds inside each. */
  runs: SweepRun[];
  /** The axes as they ran: valid values only, typed (read from text), without duplicates, in the order given. */
  axes: SweepAxis[];
  /** Every rejected axis, value or seed, by key; the rest still expand. */
  errors: ConfigError[];
}

const MAX_AXES = 2;

/** The words for a combination of swept values; reg.kind is left out when reg.strength is swept too (its words name the kind). */
export function sweepLabel(values: Record<string, unknown>, config: ExperimentConfig): string {
  const keys = Object.keys(values);
  return keys
    .filter((k) => !(k === 'reg.kind' && keys.includes('reg.strength') && config.reg.kind !== 'none'))
    .map((k) => settingText(k, values[k], config))
    .join(' · ');
}

function shown(value: unknown, key: string, fromText: boolean): string {
  return fromText ? `'${String(value)}'` : valueText(key, value);
}

/**
 * Expands a sweep into runs. Each value is checked on its own against the
 * schema (config/keys.ts `applySettings`), so a bad one is named by key and
 * value and the others still run; duplicates (after reading text) are dropped.
 * With `fromText`, values are text to be read into the key's type, as
 * `--set` and links write them ('0.5', 'true', 'q,v'). Never throws.
 */
export function expandSweep(spec: SweepSpec, { fromText = false }: { fromText?: boolean } = {}): SweepPlan {
  const errors: ConfigError[] = [];
  if (spec.axes.length < 1 || spec.axes.length > MAX_AXES) {
    errors.push({ key: '(axes)', message: `a sweep has one or two swept keys, not ${spec.axes.length}` });
  }
  const axes: SweepAxis[] = [];
  for (const axis of spec.axes.slice(0, MAX_AXES)) {
    if (!isConfigKey(axis.key)) {
      errors.push({ key: axis.key, message: 'unknown key' });
      continue;
    }
    if (axis.key === 'seed') {
      errors.push({ key: 'seed', message: 'seeds are swept by the seed list, not as a key' });
      continue;
    }
    if (axes.some((a) => a.key === axis.key)) {
      errors.push({ key: axis.key, message: 'swept twice: give each key one list of values' });
      continue;
    }
    if (!axis.values.length) {
      errors.push({ key: axis.key, message: 'no values to sweep' });
      continue;
    }
    const values: unknown[] = [];
    const seen = new Set<string>();
    for (const raw of axis.values) {
      const { config, errors: bad } = applySettings(spec.base, { [axis.key]: raw }, { fromText });
      if (bad.length) {
        const value = shown(raw, axis.key, fromText);
        for (const e of bad) errors.push({ key: e.key, message: e.message.includes(value) ? e.message : `${value}: ${e.message}` });
        continue;
      }
      const value = flattenConfig(config)[axis.key];
      const id = JSON.stringify(value);
      if (seen.has(id)) continue;
      seen.add(id);
      values.push(value);
    }
    if (values.length) axes.push({ key: axis.key, values });
  }

  const seeds: number[] = [];
  for (const seed of spec.seeds) {
    const { errors: bad } = applySettings(spec.base, { seed });
    if (bad.length) errors.push(...bad.map((e) => ({ key: e.key, message: `${String(seed)}: ${e.message}` })));
    else if (!seeds.includes(seed)) seeds.push(seed);
  }
  if (!spec.seeds.length) errors.push({ key: 'seed', message: 'no seeds: give at least one' });

  const runs: SweepRun[] = [];
  for (const values of combinations(axes)) {
    for (const seed of seeds) {
      const { config, errors: bad } = applySettings(spec.base, { ...values, seed });
      if (bad.length) {
        // Each value passed alone, so only a rule across keys could get here; name it and skip the run.
        errors.push(...bad.map((e) => ({ key: e.key, message: `with ${sweepLabel(values, spec.base)}: ${e.message}` })));
        continue;
      }
      runs.push({ config, values, seed, label: sweepLabel(values, config) });
    }
  }
  return { runs, axes, errors };
}

/** Every combination of the axes' values, the first axis outermost. */
function combinations(axes: readonly SweepAxis[]): Record<string, unknown>[] {
  if (!axes.length) return [];
  let out: Record<string, unknown>[] = [{}];
  for (const axis of axes) out = out.flatMap((partial) => axis.values.map((v) => ({ ...partial, [axis.key]: v })));
  return out;
}

/**
 * The keys a sweep can vary: every numeric or choice key (enums, switches),
 * but not the seed (sweeps have their own seed list) nor the scenario (each
 * has its own model); with a config, only the keys that mean something in
 * its scenario (a text sweep has domains, not tasks).
 */
export function sweepableKeys(config?: Pick<ExperimentConfig, 'scenario'>): string[] {
  const fields = configFields();
  return CONFIG_KEYS.filter((k) => k !== 'seed' && k !== 'scenario' && fields[k].kind !== 'list' && fields[k].kind !== 'string' && (!config || keyApplies(k, config)));
}

const ALL_TARGETS = ['q', 'k', 'v', 'o', 'up', 'down'];

/** Values worth trying per key, before they are checked against the schema. */
function candidates(key: string, config: ExperimentConfig): unknown[] {
  const field = configFields()[key];
  if (!field) return [];
  // A text of one's own is a domain only where the config names one.
  if (key === 'domain' && field.kind === 'enum' && !config.domainHash) return field.values.filter((v) => v !== CUSTOM_DOMAIN);
  if (field.kind === 'enum') return [...field.values];
  if (field.kind === 'boolean') return [false, true];
  if (field.kind === 'string') return [];
  if (field.kind === 'list') return key === 'lora.targets' ? [['q', 'v'], ['q', 'k', 'v', 'o'], ['up', 'down'], ALL_TARGETS] : [];
  switch (key) {
    case 'reg.strength':
      // λ of L2-SP and EWC, δ of the clamp (a smaller δ is a stronger clamp). EWC's λ spans
      // six decades: forgetting is gone by λ≈1, the task only suffers near 1e5.
      if (config.reg.kind === 'l2sp') return [0.01, 0.1, 1, 10, 100];
      if (config.reg.kind === 'ewc') return [0.1, 1, 10, 100, 1e3, 1e4, 1e5];
      if (config.reg.kind === 'clamp') return [0.001, 0.002, 0.005, 0.01];
      return []; // without a regulariser the strength does nothing
    case 'lr':
      return [1e-4, 3e-4, 1e-3, 3e-3];
    case 'weightDecay':
      return [0, 0.01, 0.1, 1];
    case 'clipNorm':
      return [0, 0.1, 1, 10];
    case 'mix':
      return [0, 0.25, 0.5, 0.75];
    case 'lora.rank':
      return [1, 4, 16, 64];
    case 'lora.alpha':
      // The scale α/r is what matters: 1×, 2×, 4×, 8× the rank.
      return [1, 2, 4, 8].map((m) => m * config.lora.rank);
    case 'batchSize':
      return [0.25, 0.5, 1, 2].map((m) => Math.round(m * config.batchSize));
    case 'steps':
      return [0.5, 1, 2, 4].map((m) => Math.round(m * config.steps));
    case 'stageSteps':
      return [0.5, 1, 2, 4].map((m) => Math.round(m * config.stageSteps));
    case 'replay':
      // The share of each batch from earlier tasks of a stream, beside `mix`'s general data.
      return [0, 0.1, 0.25, 0.5];
    case 'warmup':
      return [0, 10, 20, 50];
    case 'freeze.blocks':
      return [0, 1, 2]; // both base models have two blocks
    case 'evalEvery':
      return [5, 10, 25, 50];
    case 'liveEvalSize':
      return [4, 12, 32, 128];
    default:
      return [];
  }
}

/**
 * Suggested values for sweeping `key` from `config`: log-spaced for λ, δ, lr
 * and weight decay, linear for mix, powers of two or four for rank, batch
 * size and steps, every choice of an enum or switch. Always inside the
 * schema's range; empty for keys with nothing sensible to suggest (seed, and
 * reg.strength while reg.kind is none).
 */
export function suggestedValues(key: string, config: ExperimentConfig): unknown[] {
  if (key === 'seed') return [];
  const out: unknown[] = [];
  const seen = new Set<string>();
  for (const value of candidates(key, config)) {
    const id = JSON.stringify(value);
    if (seen.has(id) || applySettings(config, { [key]: value }).errors.length) continue;
    seen.add(id);
    out.push(value);
  }
  return out;
}
