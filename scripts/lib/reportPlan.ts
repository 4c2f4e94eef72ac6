/**
 * The lab's own evidence: the presets plus small sweeps of ratio, rank,
 * strength and learning rate, and the claims of the literature judged on them.
 */
import { applySettings, formatErrors } from '../../src/engine/config/keys';
import { presetConfig } from '../../src/engine/config/presets';
import { defaultConfig, type ExperimentConfig } from '../../src/engine/config/schema';
import { DEFAULT_EVAL_SIZE } from '../../src/engine/data/heldout';
import type { ScenarioName } from '../../src/engine/scenarios/names';
import { TEXT_EVAL_WINDOWS } from '../../src/engine/scenarios/text/textConstants';
import { TEXT_REPORT_CLAIMS, TEXT_REPORT_EVALUATION, TEXT_REPORT_RUNS, textReportClaims } from './textReportPlan';
import { STREAM_REPORT_CLAIMS, STREAM_REPORT_EVALUATION, STREAM_REPORT_RUNS } from './streamReportPlan';
import { keyApplies } from '../../src/engine/config/relevance';
import { CUSTOM_DOMAIN } from '../../src/engine/scenarios/text/customText';
import {
  forgetsMoreClaim,
  learningRateClaim,
  loraVsFullClaim,
  mixingClaim,
  rankClaim,
  tradeoffClaim,
  type ClaimSpec,
  type Measured,
  type ResultTable,
} from './claims';

export interface PlannedRun {
  label: string;
  /** A preset to start from, then dotted settings on top. */
  preset?: string;
  settings: Record<string, unknown>;
}

/** LoRA at α = 2r, as PEFT's examples do: the scale s = α/r stays 2 as the rank changes. */
const lora = (rank: number): PlannedRun => ({
  label: `lora r${rank} α${2 * rank}`,
  settings: { method: 'lora', 'lora.rank': rank, 'lora.alpha': 2 * rank },
});

/**
 * The report evaluates every 25 steps on all 128 examples per skill (no live
 * subsets): the claims compare curves point by point, and a 12-example live
 * point is too noisy for that.
 */
const REPORT_EVALUATION = { evalEvery: 25, liveEvalSize: 128 };

const gainOf = (m: Measured) => m.summary.taskGain;

const REPORT_RUNS: PlannedRun[] = [
  { label: 'ignore', preset: 'ignore', settings: {} },
  { label: 'mix 0.25', settings: { mix: 0.25 } },
  { label: 'mix 0.5', settings: { mix: 0.5 } },
  lora(1),
  lora(4),
  lora(16),
  lora(64),
  { label: 'lr 3e-4', settings: { lr: 3e-4 } },
  { label: 'lr 1e-4', settings: { lr: 1e-4 } },
  ...[0.01, 0.1, 1, 10].map((s) => ({ label: `l2sp ${s}`, settings: { 'reg.kind': 'l2sp', 'reg.strength': s } })),
  // EWC's λ spans six decades: forgetting is gone by λ≈1, the task only suffers far beyond.
  ...[0.1, 1, 1000, 100000].map((s) => ({ label: `ewc ${s}`, settings: { 'reg.kind': 'ewc', 'reg.strength': s } })),
  ...[0.01, 0.006, 0.004, 0.002].map((s) => ({ label: `clamp ${s}`, settings: { 'reg.kind': 'clamp', 'reg.strength': s } })),
  { label: 'task rotate', settings: { task: 'rotate' } },
  { label: 'task encode', settings: { task: 'encode' } },
  { label: 'task revinc', settings: { task: 'revinc' } },
];

export const REPORT_CLAIMS: ClaimSpec[] = [
  mixingClaim('ignore', 'mix 0.25'),
  mixingClaim('ignore', 'mix 0.5'),
  loraVsFullClaim('ignore', 'lora r4 α8'),
  rankClaim(['lora r1 α2', 'lora r4 α8', 'lora r16 α32', 'lora r64 α128']),
  tradeoffClaim('l2sp', 'L2-SP: as λ rises, forgetting falls and task gain falls with it', ['ignore', 'l2sp 0.01', 'l2sp 0.1', 'l2sp 1', 'l2sp 10'], gainOf),
  tradeoffClaim('ewc', 'EWC: as λ rises, forgetting falls and task gain falls with it', ['ignore', 'ewc 0.1', 'ewc 1', 'ewc 1000', 'ewc 100000'], gainOf),
  tradeoffClaim('clamp', 'clamp: as δ shrinks, forgetting falls and task gain falls with it', ['ignore', 'clamp 0.01', 'clamp 0.006', 'clamp 0.004', 'clamp 0.002'], gainOf),
  learningRateClaim(['ignore', 'lr 3e-4', 'lr 1e-4']),
  // Near = rotate (digits in, digits out, a new rule); far = new tokens: encode writes them, letters reads them.
  forgetsMoreClaim('task encode', 'task rotate', 'encode: new output tokens', 'rotate: same tokens'),
  forgetsMoreClaim('ignore', 'task rotate', 'letters: new input tokens', 'rotate: same tokens'),
];

/** What `lab report` runs and judges for a scenario, or (stream) a stream of its tasks. */
export interface ReportPlan {
  /** The scenario every run trains in. */
  scenario: ScenarioName;
  /** The key `--steps` sets: `steps`, or a stream's `stageSteps`. */
  stepsKey?: 'steps' | 'stageSteps';
  runs: PlannedRun[];
  claims: ClaimSpec[];
  /** Evaluation settings every run of the report shares. */
  evaluation: Record<string, unknown>;
  /** Held-out examples per skill (text: windows per source) behind every point. */
  evalSize: number;
  /** What the report's setup says of the scenario besides steps and evaluation (skills: the task; text: the domain). */
  setupOf: (config: ExperimentConfig) => Record<string, string>;
}

/** The reports the lab makes: one per scenario, and one of a stream of the skills scenario's tasks. */
export const REPORT_NAMES = ['skills', 'text', 'stream'] as const;
export type ReportName = (typeof REPORT_NAMES)[number];

const REPORT_PLANS: Record<ReportName, ReportPlan> = {
  skills: { scenario: 'skills', runs: REPORT_RUNS, claims: REPORT_CLAIMS, evaluation: REPORT_EVALUATION, evalSize: DEFAULT_EVAL_SIZE, setupOf: (c) => ({ task: c.task }) },
  text: {
    scenario: 'text',
    runs: TEXT_REPORT_RUNS,
    claims: TEXT_REPORT_CLAIMS,
    evaluation: TEXT_REPORT_EVALUATION,
    evalSize: TEXT_EVAL_WINDOWS,
    setupOf: (c) => ({ domain: c.domain, ...(c.domainHash ? { domainName: c.domainName, domainHash: c.domainHash } : {}) }),
  },
  stream: {
    scenario: 'skills',
    stepsKey: 'stageSteps',
    runs: STREAM_REPORT_RUNS,
    claims: STREAM_REPORT_CLAIMS,
    evaluation: STREAM_REPORT_EVALUATION,
    evalSize: DEFAULT_EVAL_SIZE,
    setupOf: (c) => ({ stream: c.stream.join(','), stageSteps: String(c.stageSteps) }),
  },
};

/** A text of one's own a report trains on (`report --domain-file`): by its hash and name, as a run's config names it. */
interface OwnText {
  sha256: string;
  name: string;
}

/**
 * A report's plan; with a text of one's own, the text scenario's plan on it:
 * every run that names no domain of its own trains on the text (the
 * near-prose run stays, to set it against), and the claims name it.
 */
export function reportPlanFor(name: ReportName, ownText?: OwnText): ReportPlan {
  const plan = REPORT_PLANS[name];
  if (!ownText) return plan;
  if (name === 'stream' || !keyApplies('domain', { ...defaultConfig(), scenario: plan.scenario }))
    throw new Error(`--domain-file trains the text scenario on a text of your own; the ${name} report has no domain (use --scenario text)`);
  const own = { domain: CUSTOM_DOMAIN, domainHash: ownText.sha256, domainName: ownText.name };
  return {
    ...plan,
    runs: plan.runs.map((r) => ('domain' in r.settings ? r : { ...r, settings: { ...own, ...r.settings } })),
    claims: textReportClaims(ownText.name),
  };
}

/** Whether a name is one of the lab's reports. */
export function isReportName(name: string): name is ReportName {
  return (REPORT_NAMES as readonly string[]).includes(name);
}

/** One run of a report: a planned run on one seed, as the config it trains. */
export interface ReportRun {
  label: string;
  seed: number;
  config: ExperimentConfig;
}

/** A planned run's config on a seed: its preset (or the defaults), the plan's evaluation, its settings, and `steps` when given. */
function planConfig(plan: ReportPlan, run: PlannedRun, seed: number, steps?: number): ExperimentConfig {
  const start = run.preset ? presetConfig(run.preset) : defaultConfig();
  const { config, errors } = applySettings(start, { ...plan.evaluation, ...run.settings, seed, ...(steps ? { [plan.stepsKey ?? 'steps']: steps } : {}) });
  if (errors.length) throw new Error(`report config '${run.label}' is invalid: ${formatErrors(errors)}`);
  return config;
}

/**
 * The report's runs: every planned run (or those of `labels`) on every seed,
 * seed by seed in plan order, at `steps` when given (shorter reports, the
 * reduced claims tests).
 */
export function reportRuns(plan: ReportPlan, seeds: readonly number[], options: { steps?: number; labels?: readonly string[] } = {}): ReportRun[] {
  const runs = options.labels ? plan.runs.filter((r) => options.labels!.includes(r.label)) : plan.runs;
  return seeds.flatMap((seed) => runs.map((run) => ({ label: run.label, seed, config: planConfig(plan, run, seed, options.steps) })));
}

/** Measurements by label and seed, from runs and what each gave (a failed run, null, is left out). */
export function resultTable(runs: readonly ReportRun[], measured: readonly (Measured | null)[]): ResultTable {
  const table: ResultTable = {};
  runs.forEach((run, i) => {
    const m = measured[i];
    if (m) (table[run.label] ??= {})[run.seed] = m;
  });
  return table;
}
