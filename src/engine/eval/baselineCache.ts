/**
 * Every run scores the base model before its first step, and that score is
 * the same for every run from the same checkpoint, task, held-out size and
 * backend (LoRA adapters start as exact no-ops). So it is computed once per
 * checkpoint and kept as long as the checkpoint is: a session of many runs
 * pays for it once.
 */
import type { Checkpoint } from '../checkpoint/format';
import type { Sample } from './samples';
import type { EvalResult } from './score';

export interface BaselineScores {
  eval: EvalResult;
  samples: Sample[];
  /** How long scoring the whole held-out sets and drawing the samples took when they were computed (a run's last evaluation does both). */
  timing: { scoreMs: number; samplesMs: number };
}

const cache = new WeakMap<Checkpoint, Map<string, BaselineScores>>();

export async function cachedBaseline(base: Checkpoint, key: string, compute: () => Promise<BaselineScores>): Promise<BaselineScores> {
  let forBase = cache.get(base);
  if (!forBase) cache.set(base, (forBase = new Map()));
  const known = forBase.get(key);
  if (known) return known;
  const scores = await compute();
  forBase.set(key, scores);
  return scores;
}
