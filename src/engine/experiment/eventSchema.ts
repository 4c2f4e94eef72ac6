/**
 * The event stream (DESIGN: one shape flows through), written once as a zod
 * schema: the TypeScript types of events, scores, samples and drift are
 * inferred from it (events.ts), and everything that comes back from outside
 * a run (imported files, stored runs, results links) is checked against it.
 */
import { z } from 'zod';
import { configSchema, MAX_STAGES } from '../config/schema';
import { adapterFieldsSchema } from '../adapters/adapterRecord';

const finite = z.number().refine(Number.isFinite, 'must be a finite number');

/**
 * Scores of one skill on its held-out set; in the text scenario, of one
 * source (a genre, the domain) on its held-out text, where every character
 * is an answer: acc and tokenAcc are both next-character accuracy.
 */
export const skillScoreSchema = z.strictObject({
  /** Exact match: the share of examples whose whole answer (and `<eos>`) is right. Text: next-character accuracy. */
  acc: finite,
  /** The share of answer tokens that are right. */
  tokenAcc: finite,
  /** Mean cross-entropy per answer token (nats); may be infinite for a hopeless model. */
  loss: z.number(),
  /** Text: bits per character, loss / ln 2. */
  bpc: z.number().optional(),
});

export const evalResultSchema = z.strictObject({
  task: skillScoreSchema,
  general: z.record(z.string().max(40), skillScoreSchema),
  /** Mean exact match over the general skills. */
  generalAcc: finite,
  /** Mean per-token accuracy over the general skills. */
  generalTokenAcc: finite,
  /** Text: mean bits per character over the general genres. */
  generalBpc: z.number().optional(),
  /** Text: the real-word share of the fixed-seed samples, where this point has samples. */
  realWords: finite.optional(),
  /** A stream of tasks (config `stream`): every stream task's scores, by name; `task` is the stage's own. */
  tasks: z.record(z.string().max(40), skillScoreSchema).optional(),
});

/**
 * A fixed prompt, the right answer, and the model's greedy answer (skills);
 * or a prompt and a sampled continuation, with no right answer (text:
 * `expected` is empty and `nonWords` marks the made-up words).
 */
export const sampleSchema = z.strictObject({
  skill: z.string().max(40),
  prompt: z.string().max(200),
  expected: z.string().max(200),
  answer: z.string().max(200),
  /** [start, end) of each word of the answer that is not a real word (text). */
  nonWords: z.array(z.tuple([z.number().int().min(0), z.number().int().min(0)])).max(100).optional(),
});

/** ‖θ − θ0‖ over all parameters and per module. */
export const driftSchema = z.strictObject({ total: finite, byLayer: z.record(z.string().max(60), finite) });

const streamRow = z.array(finite).max(MAX_STAGES);

/** A stream run's matrix and its metrics (stream/streamMetrics.ts has the definitions). */
export const streamSummarySchema = z.strictObject({
  tasks: z.array(z.string().max(40)).min(1).max(MAX_STAGES),
  /** R[i][j]: accuracy on task j after stage i. */
  matrix: z.array(streamRow).max(MAX_STAGES),
  /** The base model's accuracy on each task (b_j). */
  base: streamRow,
  /** Mean general accuracy after each stage, and the base model's. */
  general: streamRow,
  generalBase: finite,
  acc: finite,
  bwt: finite.nullable(),
  fwt: finite.nullable(),
  /** f_j for each task but the last. */
  forgetting: streamRow,
  generalForgetting: finite,
  /** lora.perStage: R[i][j] for j < i was scored with task j's own adapter switched in (the rest, and general, with stage i's). */
  perTaskAdapters: z.literal(true).optional(),
});

export const summarySchema = z.strictObject({
  taskGain: finite,
  forgetting: finite,
  taskAcc: finite,
  generalAcc: finite,
  taskTokenAcc: finite,
  generalTokenAcc: finite,
  steps: z.number().int(),
  /** Wall time of the training steps alone, per step. Varies run to run: not part of determinism. */
  msPerStep: finite,
  trainableParams: z.number().int(),
  /** Text: bits per character at the end, on the domain and on the general genres (mean). */
  taskBpc: z.number().optional(),
  generalBpc: z.number().optional(),
  /** Text: the real-word share of the last samples. */
  realWords: finite.optional(),
  /** A stream run: taskGain and forgetting above are the stream's (mean learned gain; mean forgetting over earlier tasks and general). */
  stream: streamSummarySchema.optional(),
});

const evalSize = z.number().int().positive();

export const eventSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('start'),
    config: configSchema,
    backend: z.string().max(20),
    params: z.strictObject({ total: z.number().int(), trainable: z.number().int() }),
  }),
  /** A run that starts from the base with adapters merged in (config `start`): those adapters, whole, so a re-run or an import reproduces it (adapters/mergedStart.ts). */
  z.strictObject({
    type: z.literal('merged'),
    adapters: z
      .array(z.strictObject({ id: z.string().regex(/^[0-9a-f]{16}$/), name: z.string().max(80), weight: finite, adapter: adapterFieldsSchema }))
      .min(1)
      .max(8),
  }),
  /** EWC's Fisher estimate, example by example, before the baseline. */
  z.strictObject({ type: z.literal('fisher'), done: z.number().int(), total: z.number().int() }),
  /**
   * The base model, before any step; evalSize: held-out examples per skill behind the scores; timing: what
   * scoring them and drawing the samples cost on this machine (the time-left estimate's first measure of an evaluation).
   */
  z.strictObject({
    type: z.literal('baseline'),
    eval: evalResultSchema,
    evalSize,
    samples: z.array(sampleSchema).max(100),
    timing: z.strictObject({ scoreMs: z.number().nonnegative(), samplesMs: z.number().nonnegative() }).optional(),
  }),
  z.strictObject({ type: z.literal('step'), step: z.number().int(), loss: finite, lr: finite }),
  /** A live point mid-run may score fewer examples (evalSize) than the last; samples come every few evaluations. */
  z.strictObject({
    type: z.literal('eval'),
    step: z.number().int(),
    eval: evalResultSchema,
    evalSize,
    drift: driftSchema,
    samples: z.array(sampleSchema).max(100).optional(),
  }),
  /** A stream's stage ended (right after its last full evaluation): the matrix's row R[stage][·] by task, and the general accuracy. */
  z.strictObject({
    type: z.literal('stage'),
    stage: z.number().int().min(0),
    task: z.string().max(40),
    step: z.number().int(),
    row: z.record(z.string().max(40), finite),
    generalAcc: finite,
    /** lora.perStage: the stage's own adapter, kept as the plugin for its task. */
    adapter: adapterFieldsSchema.optional(),
  }),
  /** A LoRA run's adapter after each evaluation (adapters/adapterRecord.ts); the page and the command line keep only the newest, so a finished run holds its trained adapter just before done: the library's entry, in stored runs and run files. */
  z.strictObject({ type: z.literal('adapter'), step: z.number().int(), adapter: adapterFieldsSchema }),
  z.strictObject({ type: z.literal('done'), summary: summarySchema }),
  z.strictObject({ type: z.literal('error'), message: z.string().max(2000), step: z.number().int().optional() }),
]);
