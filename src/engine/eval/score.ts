import type { z } from 'zod';
import type { evalResultSchema, skillScoreSchema } from '../experiment/eventSchema';

/** Scores of one skill, and of a whole evaluation: see eventSchema.ts. */
export type SkillScore = z.infer<typeof skillScoreSchema>;
export type EvalResult = z.infer<typeof evalResultSchema>;

function meanOf(values: readonly number[]): number {
  return values.length ? values.reduce((a, b) => a + b, 0) / values.length : 0;
}

/** Task gain = acc_task(θ_t) − acc_task(θ0). */
export function taskGain(baseline: EvalResult, current: EvalResult): number {
  return current.task.acc - baseline.task.acc;
}

/** Forgetting = acc_general(θ0) − acc_general(θ_t), acc_general the mean over the general skills. */
export function forgetting(baseline: EvalResult, current: EvalResult): number {
  return baseline.generalAcc - current.generalAcc;
}

/** Splits per-skill scores into the task and the general skills, with the general means. */
export function toEvalResult(scores: Record<string, SkillScore>, task: string, generalSkills: readonly string[]): EvalResult {
  const general: Record<string, SkillScore> = {};
  for (const name of generalSkills) general[name] = scores[name];
  const values = Object.values(general);
  const bpcs = values.map((s) => s.bpc);
  return {
    task: scores[task],
    general,
    generalAcc: meanOf(values.map((s) => s.acc)),
    generalTokenAcc: meanOf(values.map((s) => s.tokenAcc)),
    // Text scores carry bits per character: their mean over the genres, as accuracy's.
    ...(values.length && bpcs.every((b) => b !== undefined) ? { generalBpc: meanOf(bpcs as number[]) } : {}),
  };
}
