/**
 * The experiment config: one zod schema with defaults. The UI, the command
 * line (`--set key=value`) and share links all use its dotted keys
 * (`lora.rank`, `reg.kind`, ...); see config/keys.ts.
 */
import { z } from 'zod';
import { START_ENTRY } from '../adapters/startSpec';
import { LORA_TARGETS } from '../model/architecture';
import { TASK_NAMES } from '../scenarios/skills/skills';
import { SCENARIOS } from '../scenarios/names';
import { TEXT_DOMAIN_CHOICES } from '../scenarios/text/textConstants';

/** Bump when a key is renamed, its meaning changes or its default changes: share links carry it. */
export const CONFIG_VERSION = 3;

/**
 * Defaults that earlier versions had and this one changed. A link holds only
 * the keys that differ from its version's defaults, so reading an old link
 * starts from these. v2: evaluations every 10 steps (was 25), live points on
 * 12 examples per skill (v1 used all 128 at every evaluation). v3: a
 * scenario starts from its own defaults (config/presets.ts scenarioStart);
 * v1 and v2 links started every scenario from the schema's, so they are read
 * from those (SCENARIO_DEFAULTS_SINCE).
 */
export const EARLIER_DEFAULTS: Readonly<Record<number, Readonly<Record<string, unknown>>>> = {
  1: { evalEvery: 25, liveEvalSize: 128 },
  2: {},
};

/** The first settings version whose links start a scenario from its own defaults. */
export const SCENARIO_DEFAULTS_SINCE = 3;

export const REG_KINDS = ['none', 'l2sp', 'ewc', 'clamp'] as const;

/** Everything a stream's stage may train on: the skills scenario's tasks and the text scenario's domains (the scenario checks its own, stream/stream.ts). */
const STREAM_TASKS = [...new Set<string>([...TASK_NAMES, ...TEXT_DOMAIN_CHOICES])] as [string, ...string[]];
/** The most stages a stream may have. */
export const MAX_STAGES = 8;

/**
 * How a control shows a number: the part of its valid range worth exploring,
 * on a log scale or not (config/fields.ts reads it; the schema's own bounds
 * still decide what is valid). `by` gives a range per value of another key.
 */
export interface SliderHint {
  min: number;
  max: number;
  log?: boolean;
  step?: number;
}
const slider = (hint: SliderHint) => ({ slider: hint });
/** λ's trade-off shows across decades, EWC's up to 1e5 (its task only suffers there); δ over 1e-4…0.1. */
export const STRENGTH_SLIDERS: Record<(typeof REG_KINDS)[number], SliderHint> = {
  none: { min: 1e-3, max: 100, log: true },
  l2sp: { min: 1e-3, max: 100, log: true },
  ewc: { min: 1e-3, max: 1e5, log: true },
  clamp: { min: 1e-4, max: 0.1, log: true },
};

export const configSchema = z.strictObject({
  /** skills: the digit-string model fine-tuned on a new task. text: the English character model continually pre-trained on a domain. */
  scenario: z.enum(SCENARIOS).default('skills'),
  /** The text scenario's domain: JavaScript code (far from prose), near-domain prose (learned and government writing), or custom: a text of one's own. */
  domain: z.enum(TEXT_DOMAIN_CHOICES).default('code'),
  /** domain=custom: the sha256 of the text (its UTF-8 bytes), so a run never trains on another text than it names. */
  domainHash: z.string().regex(/^([0-9a-f]{64})?$/, 'expected a sha256 in hex').default(''),
  /** domain=custom: the text's name (its file's name), for labels and for whoever needs the file to re-run. */
  domainName: z.string().max(80).default(''),
  /** The new task to fine-tune on (scenarios/skills/skills.ts TASKS); skills scenario only. */
  task: z.enum(TASK_NAMES).default('letters'),
  /** finetune: loss on answer tokens only. continual: loss on every token (continual pre-training). Skills only: text always trains on every token. */
  mode: z.enum(['finetune', 'continual']).default('finetune'),
  /** full: every (unfrozen) base weight trains. lora: base frozen, low-rank adapters train. */
  method: z.enum(['full', 'lora']).default('full'),
  /**
   * The weights a run starts from: empty, the scenario's base model; or the base
   * with trained adapters merged in (W0 + Σ w·s·BA), each named by its
   * fingerprint and weight, `0123456789abcdef*1` (adapters/startSpec.ts). The
   * run's baseline is then that model's, and the run records the adapters.
   */
  start: z.array(z.string().regex(START_ENTRY, 'expected an adapter fingerprint, * and a weight')).max(8).default([]),
  steps: z.number().int().min(1).max(5000).default(150),
  batchSize: z.number().int().min(1).max(256).default(32),
  lr: z.number().gt(0).max(10).meta(slider({ min: 1e-5, max: 0.1, log: true })).default(1e-3),
  schedule: z.enum(['constant', 'cosine', 'rewarm']).default('constant'),
  /** Warm-up steps of the cosine and rewarm schedules. */
  warmup: z.number().int().min(0).max(5000).default(10),
  optimizer: z.enum(['adamw', 'adam', 'sgd']).default('adamw'),
  weightDecay: z.number().min(0).max(1).default(0),
  /** Global gradient-norm clip; 0 turns it off. */
  clipNorm: z.number().min(0).max(1000).default(1),
  seed: z.number().int().min(0).max(2 ** 31 - 1).default(1),
  evalEvery: z.number().int().min(1).max(5000).default(10),
  /** Held-out examples per skill (text: windows per source) at the evaluations between the first and the last (which use the whole sets): cheap live curves. */
  liveEvalSize: z.number().int().min(4).max(128).default(12),
  /** Share of general examples in every batch (replay), exact per batch: general skills, or general prose in the text scenario. */
  mix: z.number().min(0).max(0.9).meta(slider({ min: 0, max: 0.9, step: 0.05 })).default(0),
  /**
   * A stream of tasks (skills: tasks; text: domains), trained one after the
   * other, `stageSteps` each; empty: one task (`task` or `domain`) for `steps`.
   * With a stream, `task`/`domain` and `steps` are not read (stream/stream.ts).
   */
  stream: z
    .array(z.enum(STREAM_TASKS))
    .max(MAX_STAGES)
    .refine((s) => new Set(s).size === s.length, 'a task may appear only once in a stream')
    .default([]),
  /** Training steps per stage of the stream. */
  stageSteps: z.number().int().min(1).max(5000).default(100),
  /** Share of every batch replayed from the stream's earlier tasks (exact per batch, cycling through them); the first stage has none to replay and trains on its task. */
  replay: z.number().min(0).max(0.9).meta(slider({ min: 0, max: 0.9, step: 0.05 })).default(0),
  /** In a stream, the learning-rate schedule restarts (re-warms) at every stage, or runs once over the whole stream. */
  stageSchedule: z.enum(['restart', 'whole']).default('restart'),
  lora: z
    .strictObject({
      rank: z.number().int().min(1).max(64).meta(slider({ min: 1, max: 64, log: true, step: 1 })).default(4),
      alpha: z.number().gt(0).max(1024).meta(slider({ min: 0.25, max: 1024, log: true })).default(8),
      targets: z.array(z.enum(LORA_TARGETS)).min(1).default([...LORA_TARGETS]),
      /** rsLoRA: scale alpha/sqrt(rank) instead of alpha/rank. */
      rslora: z.boolean().default(false),
      /** Train the embedding rows of tokens the base model never saw (as PEFT does for new tokens). */
      newTokens: z.boolean().default(true),
      /**
       * In a stream: a fresh adapter for every stage (on the frozen base, its new-token rows back to the base's),
       * the finished ones kept, and task j scored with task j's adapter (a plugin per task); false: one adapter trained on through the stages.
       */
      perStage: z.boolean().default(false),
    })
    .prefault({}),
  freeze: z
    .strictObject({
      /** Leave token and position embeddings untouched in full fine-tuning. */
      embeddings: z.boolean().default(false),
      /** Leave the first k transformer blocks untouched in full fine-tuning. */
      blocks: z.number().int().min(0).max(8).meta(slider({ min: 0, max: 8, step: 1 })).default(0),
    })
    .prefault({}),
  reg: z
    .strictObject({
      kind: z.enum(REG_KINDS).default('none'),
      /** λ for l2sp and ewc; δ (the largest allowed |θ − θ0|) for clamp. */
      strength: z.number().min(0).max(1e6).meta({ sliderBy: { key: 'reg.kind', hints: STRENGTH_SLIDERS } }).default(1),
      /** In a stream, the regularizer pulls toward the base weights, or toward the weights at the start of each stage (the previous stage's end). */
      anchor: z.enum(['base', 'stage']).default('base'),
    })
    .prefault({}),
});

export type ExperimentConfig = z.infer<typeof configSchema>;
export type ConfigInput = z.input<typeof configSchema>;

export function defaultConfig(): ExperimentConfig {
  return configSchema.parse({});
}
