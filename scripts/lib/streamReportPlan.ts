/**
 * The stream report's evidence: the skills model trained on letters, then
 * rotate, then encode (100 steps each), sequentially and with each
 * continual-learning lever in its stream form: replay of earlier tasks,
 * mixing of general data, one LoRA adapter shared or one per task, L2-SP and
 * EWC anchored at the base, and online EWC (anchored at each stage's end,
 * every finished task's Fisher summed in). And the claims of the
 * continual-learning literature judged on them.
 */
import type { PlannedRun } from './reportPlan';
import type { ClaimSpec } from './claims';
import { firstTaskForgottenClaim, forgetsLessClaim, halvesClaim, higherAccClaim, keepsTaskForgettingClaim, switchingKeepsClaim } from './streamClaims';

/** Full evaluations only (every held-out example), at mid-stage and at every stage's end: the matrix rows are what the claims read. */
export const STREAM_REPORT_EVALUATION = { evalEvery: 50, liveEvalSize: 128 };

const STREAM = { stream: ['letters', 'rotate', 'encode'], stageSteps: 100 };
const run = (label: string, settings: Record<string, unknown>): PlannedRun => ({ label, settings: { ...STREAM, ...settings } });
const LORA = { method: 'lora', 'lora.rank': 4, 'lora.alpha': 8 };
const EWC_STRENGTHS = [1, 100, 10000];

export const STREAM_REPORT_RUNS: PlannedRun[] = [
  run('sequential', {}),
  run('replay 0.25', { replay: 0.25 }),
  run('mix 0.25', { mix: 0.25 }),
  run('lora shared', LORA),
  run('lora per task', { ...LORA, 'lora.perStage': true }),
  run('l2sp 1 @base', { 'reg.kind': 'l2sp', 'reg.strength': 1 }),
  // EWC over four decades of λ, each at the base and online: at λ 1 neither holds a task against 100 steps of the next.
  ...EWC_STRENGTHS.flatMap((l) => [
    run(`ewc ${l} @base`, { 'reg.kind': 'ewc', 'reg.strength': l }),
    run(`ewc ${l} online`, { 'reg.kind': 'ewc', 'reg.strength': l, 'reg.anchor': 'stage' }),
  ]),
];

export const STREAM_REPORT_CLAIMS: ClaimSpec[] = [
  firstTaskForgottenClaim('sequential', 'sequential fine-tuning'),
  halvesClaim('tasks', 'sequential', 'replay 0.25', 'replaying earlier tasks (replay 0.25)'),
  halvesClaim('general', 'sequential', 'mix 0.25', 'mixing general data (mix 0.25)'),
  keepsTaskForgettingClaim('sequential', 'mix 0.25', 'mixing general data (mix 0.25)'),
  switchingKeepsClaim('lora per task'),
  higherAccClaim('lora per task', 'lora shared'),
  halvesClaim('general', 'sequential', 'l2sp 1 @base', 'L2-SP anchored at the base (λ 1)'),
  ...EWC_STRENGTHS.flatMap((l) => [
    forgetsLessClaim('tasks', `ewc ${l} online`, `ewc ${l} @base`, `λ ${l}: online EWC (anchored at each stage's end, Fisher summed over tasks) forgets the earlier tasks less than EWC anchored at the base`),
    forgetsLessClaim('general', `ewc ${l} @base`, `ewc ${l} online`, `λ ${l}: EWC anchored at the base forgets the general skills less than online EWC`),
  ]),
];
