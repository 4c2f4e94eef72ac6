/** Scores of one skill on its held-out set. */
export interface SkillScore {
  /** Exact match: the share of examples whose whole answer (and `<eos>`) is right. */
  acc: number;
  /** The share of answer tokens that are right. */
  tokenAcc: number;
  /** Mean cross-entropy per answer token (nats). */
  loss: number;
}

export interface EvalResult {
  task: SkillScore;
  general: Record<string, SkillScore>;
  /** Mean exact match over the general skills. */
  generalAcc: number;
  /** Mean per-token accuracy over the general skills. */
  generalTokenAcc: number;
}

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
  return {
    task: scores[task],
    general,
    generalAcc: meanOf(values.map((s) => s.acc)),
    generalTokenAcc: meanOf(values.map((s) => s.tokenAcc)),
  };
}
