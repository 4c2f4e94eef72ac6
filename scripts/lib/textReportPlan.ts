/**
 * The text scenario's evidence: continual pre-training on code from the text
 * preset, against near-domain prose, mixing, LoRA, L2-SP and EWC over λ, and
 * lower learning rates; and the claims the issue asks of it.
 */
import { TEXT_EVAL_WINDOWS } from '../../src/engine/scenarios/text/textConstants';
import {
  forgetsAtLeastClaim,
  forgetsMoreClaim,
  learningRateClaim,
  loraVsFullClaim,
  mixingShareClaim,
  tradeoffClaim,
  type ClaimSpec,
  type Measured,
} from './claims';
import type { PlannedRun } from './reportPlan';

/** Every evaluation on the whole held-out windows (no live subsets): the learning-rate claim compares curves point by point. */
export const TEXT_REPORT_EVALUATION = { evalEvery: 25, liveEvalSize: TEXT_EVAL_WINDOWS };

const gainOf = (m: Measured) => m.summary.taskGain;
const run = (label: string, settings: Record<string, unknown>): PlannedRun => ({ label, preset: 'text-ignore', settings });

export const TEXT_REPORT_RUNS: PlannedRun[] = [
  run('ignore', {}),
  run('near', { domain: 'near' }),
  run('mix 0.25', { mix: 0.25 }),
  run('mix 0.5', { mix: 0.5 }),
  run('lora r4 α8', { method: 'lora', 'lora.rank': 4, 'lora.alpha': 8 }),
  run('lr 3e-4', { lr: 3e-4 }),
  run('lr 1e-4', { lr: 1e-4 }),
  run('rewarm', { schedule: 'rewarm', warmup: 50 }),
  ...[0.1, 1, 10].map((s) => run(`l2sp ${s}`, { 'reg.kind': 'l2sp', 'reg.strength': s })),
  ...[1, 10, 100].map((s) => run(`ewc ${s}`, { 'reg.kind': 'ewc', 'reg.strength': s })),
];

/**
 * The claims, about the domain the runs train on: code (the shipped report), or
 * a text of one's own (`report --domain-file`, named by its file), which the
 * near-prose run is then set against.
 */
export function textReportClaims(domain = 'code'): ClaimSpec[] {
  return [
    forgetsAtLeastClaim('ignore', 0.15, `continual pre-training on ${domain} (ignore)`),
    forgetsMoreClaim('ignore', 'near', domain, 'near-domain prose'),
    mixingShareClaim('ignore', 'mix 0.25', 0.15),
    tradeoffClaim('l2sp', 'L2-SP: as λ rises, forgetting falls and domain gain falls with it', ['ignore', 'l2sp 0.1', 'l2sp 1', 'l2sp 10'], gainOf),
    tradeoffClaim('ewc', 'EWC: as λ rises, forgetting falls and domain gain falls with it', ['ignore', 'ewc 1', 'ewc 10', 'ewc 100'], gainOf),
    loraVsFullClaim('ignore', 'lora r4 α8'),
    learningRateClaim(['ignore', 'lr 3e-4', 'lr 1e-4']),
  ];
}

export const TEXT_REPORT_CLAIMS: ClaimSpec[] = textReportClaims();
