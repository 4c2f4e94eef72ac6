/**
 * The training batch sampler. A batch holds an exact number of general-skill
 * examples (the mixing lever) and the rest from the task, in shuffled order.
 */
import type { Example } from './example';
import { trainingExample } from './heldout';
import type { Rng } from './rng';
import type { Skill } from '../scenarios/skills/skills';

export interface BatchPlan {
  general: number;
  task: number;
}

/** How many general examples a batch of `size` holds at share `mix`: round(mix * size). */
export function planBatch(size: number, mix: number): BatchPlan {
  const general = Math.round(mix * size);
  return { general, task: size - general };
}

export class BatchSampler {
  constructor(
    private readonly task: Skill | null,
    private readonly general: readonly Skill[],
    private readonly rng: Rng,
  ) {}

  /**
   * One batch: `plan.general` examples cycling through the general skills from a
   * random start (so each skill gets its fair share), then `plan.task` task
   * examples, shuffled together.
   */
  sample(plan: BatchPlan): Example[] {
    const examples: Example[] = [];
    const start = this.rng.int(0, this.general.length - 1);
    for (let i = 0; i < plan.general; i++) {
      examples.push(trainingExample(this.general[(start + i) % this.general.length], this.rng));
    }
    if (plan.task > 0) {
      if (!this.task) throw new Error('this sampler has no task to draw from');
      for (let i = 0; i < plan.task; i++) examples.push(trainingExample(this.task, this.rng));
    }
    return this.rng.shuffle(examples);
  }
}
