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
  /** Examples replayed from a stream's earlier tasks. */
  replay: number;
  task: number;
}

/**
 * How many general examples a batch of `size` holds at share `mix`,
 * round(mix * size), and how many from earlier tasks at share `replay`
 * (none when there are none); the task keeps at least one example.
 */
export function planBatch(size: number, mix: number, replay = 0): BatchPlan {
  const general = Math.round(mix * size);
  const replayed = Math.min(Math.round(replay * size), Math.max(0, size - general - 1));
  return { general, replay: replayed, task: size - general - replayed };
}

export class BatchSampler {
  constructor(
    private task: Skill | null,
    private readonly general: readonly Skill[],
    private readonly rng: Rng,
    /** A stream's earlier tasks, replayed at `plan.replay`. */
    private earlier: readonly Skill[] = [],
  ) {}

  /** A stream's next stage: its task, and the tasks before it to replay. */
  setTask(task: Skill, earlier: readonly Skill[]): void {
    this.task = task;
    this.earlier = earlier;
  }

  /**
   * One batch: `plan.general` examples cycling through the general skills from a
   * random start (so each skill gets its fair share), `plan.replay` cycling
   * likewise through the earlier tasks, then `plan.task` task examples,
   * shuffled together.
   */
  sample(plan: BatchPlan): Example[] {
    const examples: Example[] = [];
    const start = this.rng.int(0, this.general.length - 1);
    for (let i = 0; i < plan.general; i++) {
      examples.push(trainingExample(this.general[(start + i) % this.general.length], this.rng));
    }
    if (plan.replay > 0 && this.earlier.length) {
      const from = this.rng.int(0, this.earlier.length - 1);
      for (let i = 0; i < plan.replay; i++) examples.push(trainingExample(this.earlier[(from + i) % this.earlier.length], this.rng));
    }
    if (plan.task > 0) {
      if (!this.task) throw new Error('this sampler has no task to draw from');
      // With no earlier task yet (a stream's first stage), the replay share trains on the task.
      const count = plan.task + (this.earlier.length ? 0 : plan.replay);
      for (let i = 0; i < count; i++) examples.push(trainingExample(this.task, this.rng));
    }
    return this.rng.shuffle(examples);
  }
}
