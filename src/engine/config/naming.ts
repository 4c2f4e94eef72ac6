/**
 * Names for runs, in words people read: what a config changes from the
 * defaults ("LoRA r16 α32 · mix 0.5", "EWC λ 1000"), or the preset's title
 * when it is exactly a preset. The sweep labels ("lr 3e-4 · mix 0.5") use the
 * same words for one setting.
 */
import { CUSTOM_DOMAIN } from '../scenarios/text/customText';
import { changedSettings, flattenConfig } from './keys';
import { allPresets, presetConfig, scenarioStart } from './presets';
import { keyApplies } from './relevance';
import { allScenarios, describeScenario } from '../scenarios/registry';
import { defaultConfig, type ExperimentConfig } from './schema';

/** Names longer than this drop their least important parts (shown as '…'). */
const MAX_NAME = 40;
const SEP = ' · ';

/**
 * A number as it reads in a name: three significant digits, exponent form
 * below 1e-3 and from 1e4 up ('3e-4', '0.001', '1000', '1e5').
 */
function numberText(x: number): string {
  const rounded = Number(x.toPrecision(3));
  const a = Math.abs(rounded);
  if (a !== 0 && (a < 1e-3 || a >= 1e4)) return rounded.toExponential().replace('e+', 'e');
  return String(rounded);
}

/** A value of `key` as text: '0.5', '3e-4', 'on', 'q+v', 'rotate'. */
export function valueText(key: string, value: unknown): string {
  if (typeof value === 'number') return numberText(value);
  if (typeof value === 'boolean') return value ? 'on' : 'off';
  if (Array.isArray(value)) return value.join('+') || '∅';
  if (key === 'optimizer' && typeof value === 'string') return OPTIMIZERS[value] ?? value;
  return String(value);
}

const OPTIMIZERS: Record<string, string> = { adamw: 'AdamW', adam: 'Adam', sgd: 'SGD' };
const REG_KINDS: Record<string, string> = { none: 'no reg', l2sp: 'L2-SP', ewc: 'EWC', clamp: 'clamp' };
/** A task's or domain's own words, where its scenario gives some ('near' → 'near prose'). */
function taskWords(key: string, value: string): string | undefined {
  return allScenarios().find((d) => d.task.key === key)?.task.words[value];
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * One setting in words: 'mix 0.5', 'LoRA r16', 'EWC λ 1000', 'clamp δ 0.004',
 * 'task rotate'. `config` gives the context some keys need (reg.strength is λ
 * or δ depending on reg.kind).
 */
export function settingText(key: string, value: unknown, config: ExperimentConfig = defaultConfig()): string {
  const v = valueText(key, value);
  switch (key) {
    case 'method':
      return value === 'lora' ? 'LoRA' : 'full fine-tune';
    case 'lora.rank':
      return `LoRA r${v}`;
    case 'lora.alpha':
      return `LoRA α${v}`;
    case 'lora.targets':
      return `LoRA on ${v}`;
    case 'lora.rslora':
      return value ? 'rsLoRA' : 'rsLoRA off';
    case 'lora.newTokens':
      return value ? 'new-token rows train' : 'no new-token rows';
    case 'lora.perStage':
      return value ? 'adapter per stage' : 'one shared adapter';
    case 'freeze.embeddings':
      return value ? 'freeze emb' : 'emb train';
    case 'freeze.blocks':
      return `freeze ${plural(Number(value), 'block')}`;
    case 'reg.kind':
      return REG_KINDS[String(value)] ?? `reg ${v}`;
    case 'reg.strength': {
      const kind = config.reg.kind;
      if (kind === 'clamp') return `clamp δ ${v}`;
      if (kind === 'l2sp' || kind === 'ewc') return `${REG_KINDS[kind]} λ ${v}`;
      return `strength ${v}`;
    }
    case 'schedule':
      return value === 'constant' ? 'constant lr' : `${v} lr`;
    case 'optimizer':
      return v;
    case 'weightDecay':
      return `wd ${v}`;
    case 'clipNorm':
      return value === 0 ? 'no clip' : `clip ${v}`;
    case 'mode':
      return value === 'continual' ? 'continual' : 'fine-tune';
    case 'scenario':
      return v;
    case 'domain':
      // A text of one's own is named by its name: two texts are two domains.
      if (value === CUSTOM_DOMAIN && config.domainName) return config.domainName;
      return taskWords(key, v) ?? `${key} ${v}`;
    case 'task':
      return taskWords(key, v) ?? `${key} ${v}`;
    case 'start': {
      // Adapters merged into the base before the run (adapters/startSpec.ts).
      const n = Array.isArray(value) ? value.length : 0;
      return n ? `from base + ${plural(n, 'merged adapter')}` : 'from the base model';
    }
    case 'steps':
      return `${v} steps`;
    case 'batchSize':
      return `batch ${v}`;
    case 'evalEvery':
      return `eval every ${v}`;
    case 'liveEvalSize':
      return `live eval ${v}`;
    default:
      return `${key} ${v}`;
  }
}

interface Part {
  text: string;
  /** Higher is kept longer when the name is too long. */
  weight: number;
}

/**
 * The parts of a name, in reading order, for the settings that differ from
 * where the config's scenario starts (scenarioStart) and matter for it. A
 * text run's name starts with its domain.
 */
function nameParts(config: ExperimentConfig): Part[] {
  const changed = changedSettings(config, scenarioStart(config.scenario));
  const has = (key: string) => Object.prototype.hasOwnProperty.call(changed, key) && keyApplies(key, config);
  const parts: Part[] = [];
  const add = (text: string, weight: number) => parts.push({ text, weight });
  // What the run trains on: first and always where the scenario says so ('code', 'near prose'), else when it differs.
  const task = describeScenario(config.scenario).task;
  // A stream names its tasks in order instead of the one task (its task key is not read).
  const streams = config.stream.length > 0;
  if (streams) add(`${config.stream.join('→')} ×${config.stageSteps}`, 101);
  if (streams && config.replay > 0) add(`replay ${valueText('replay', config.replay)}`, 96);
  if (streams && has('stageSchedule')) add('lr once over stream', 58);
  if (task.named === 'always' && !streams) add(settingText(task.key, config[task.key], config), 99);
  if (config.start.length) add(settingText('start', config.start, config), 97);

  if (config.method === 'lora') {
    // Rank and alpha always: the scale α/r is half of what a LoRA run means.
    add(`LoRA r${config.lora.rank} α${valueText('lora.alpha', config.lora.alpha)}`, 100);
    if (has('lora.rslora')) add(settingText('lora.rslora', config.lora.rslora, config), 75);
    if (has('lora.targets')) add(`targets ${valueText('lora.targets', config.lora.targets)}`, 65);
    if (has('lora.newTokens')) add(settingText('lora.newTokens', config.lora.newTokens, config), 30);
    // In a stream, one adapter per task is a different method altogether (a plugin per task).
    if (streams && config.lora.perStage) add(settingText('lora.perStage', true, config), 97);
  } else if (has('freeze.embeddings') || has('freeze.blocks')) {
    // Freezing applies to full fine-tuning only.
    const what = [config.freeze.embeddings ? 'emb' : '', config.freeze.blocks ? plural(config.freeze.blocks, 'block') : ''].filter(Boolean);
    if (what.length) add(`freeze ${what.join(' + ')}`, 90);
  }
  if (has('mix')) add(settingText('mix', config.mix, config), 95);
  if (config.reg.kind !== 'none') add(settingText('reg.strength', config.reg.strength, config), 92);
  // In a stream the regulariser may pull toward each stage's start.
  if (streams && config.reg.kind !== 'none' && config.reg.anchor === 'stage') add('@stage', 91);
  if (has('lr')) add(settingText('lr', config.lr, config), 80);
  if (has('schedule') || (config.schedule !== 'constant' && has('warmup'))) {
    add(config.schedule === 'constant' ? 'constant lr' : `${config.schedule} lr warmup ${config.warmup}`, 60);
  }
  if (has('optimizer')) add(settingText('optimizer', config.optimizer, config), 55);
  // Adam (not AdamW) ignores weight decay.
  if (has('weightDecay') && config.optimizer !== 'adam') add(settingText('weightDecay', config.weightDecay, config), 50);
  if (has('clipNorm')) add(settingText('clipNorm', config.clipNorm, config), 40);
  if (task.named === 'when-changed' && has(task.key) && !streams) add(settingText(task.key, config[task.key], config), 85);
  if (has('mode')) add(settingText('mode', config.mode, config), 70);
  if (has('steps') && !streams) add(settingText('steps', config.steps, config), 45);
  if (has('batchSize')) add(settingText('batchSize', config.batchSize, config), 35);
  if (has('liveEvalSize')) add(settingText('liveEvalSize', config.liveEvalSize, config), 12);
  if (has('evalEvery')) add(settingText('evalEvery', config.evalEvery, config), 10);
  if (has('seed')) add(`seed ${config.seed}`, 5);
  return parts;
}

/** Drops the lightest parts until the name fits (a '…' says something was left out); the heaviest part always stays. */
function fit(parts: Part[]): string {
  const kept = [...parts];
  const text = (ps: Part[], cut: boolean) => [...ps.map((p) => p.text), ...(cut ? ['…'] : [])].join(SEP);
  let cut = false;
  while (kept.length > 1 && text(kept, cut).length > MAX_NAME) {
    const lightest = kept.reduce((a, b) => (b.weight < a.weight ? b : a));
    kept.splice(kept.indexOf(lightest), 1);
    cut = true;
  }
  return text(kept, cut);
}

let presetConfigs: { title: string; flat: string }[] | null = null;
/** Every preset's config, flattened: made on first use (a scenario registered by a test is in by then). */
const PRESET_CONFIGS = () => (presetConfigs ??= allPresets().map((p) => ({ title: p.title, flat: JSON.stringify(flattenConfig(presetConfig(p.name))) })));

/**
 * A run's name: what its config changes from the defaults, joined with ' · '
 * ('LoRA r16 α32 · mix 0.5', 'EWC λ 1000 · lr 3e-4'), at most 40 characters
 * where it can be (seed, evaluation settings and the like go first). A config
 * that is exactly a preset is named by the preset's title (with its seed when
 * only that differs); settings that have no effect (LoRA's with full
 * fine-tuning, a strength without a regulariser, a task in the text scenario)
 * are left out. 'defaults' when nothing that matters differs.
 */
export function runName(config: ExperimentConfig): string {
  const flat = JSON.stringify(flattenConfig(config));
  const withSeed1 = JSON.stringify(flattenConfig({ ...config, seed: defaultConfig().seed }));
  const preset = PRESET_CONFIGS().find((p) => p.flat === flat) ?? PRESET_CONFIGS().find((p) => p.flat === withSeed1);
  if (preset) return preset.flat === flat ? preset.title : `${preset.title}${SEP}seed ${config.seed}`;
  const parts = nameParts(config);
  return parts.length ? fit(parts) : 'defaults';
}
