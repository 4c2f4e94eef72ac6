/** The skills scenario: digit-string skills and a new task, fine-tuned (or continually pre-trained) with the general skills mixed in. */
import { fittedLength, packBatch } from '../../data/batch';
import { DEFAULT_EVAL_SIZE } from '../../data/heldout';
import { Rng } from '../../data/rng';
import { BatchSampler, planBatch } from '../../data/sampler';
import { findSkill, GENERAL_SKILL_NAMES, GENERAL_SKILLS, TASK_NAMES, TASKS } from './skills';
import { isStream, stageTasks, streamProblem } from '../../stream/stream';
import { Evaluator } from '../../eval/evaluate';
import { sampleAnswers } from '../../eval/samples';
import { toEvalResult } from '../../eval/score';
import { Gpt } from '../../model/model';
import { exampleBatches, fisherExamples, taskFisherExamples } from '../../train/fisher';
import { loadCheckpoint } from '../assets';
import type { Scenario } from '../scenario';
import { skillsDescriptor } from './skillsDescriptor';

export const skillsScenario: Scenario = {
  loadAssets: async (_need, read) => ({ base: await loadCheckpoint(read, skillsDescriptor.assets.model) }),

  open(config, { base, evalSize }) {
    const { dims } = base.manifest;
    const problem = streamProblem(config, TASK_NAMES);
    if (problem) throw new Error(problem);
    // One task, or a stream's tasks in order (stream/stream.ts); a stream scores all of them at every evaluation.
    const tasks = stageTasks(config).map(findSkill);
    let task = tasks[0];
    const size = evalSize ?? DEFAULT_EVAL_SIZE;
    const liveSize = Math.min(config.liveEvalSize, size);
    // Made at the first evaluation: a speed trial only draws batches.
    let evaluator: Evaluator | null = null;
    const scores = (model: Gpt, live: boolean) => (evaluator ??= new Evaluator([...tasks, ...GENERAL_SKILLS], dims, size, liveSize)).scores(model, live);
    const sampler = new BatchSampler(task, GENERAL_SKILLS, Rng.derive(config.seed, 'data'));
    const plan = planBatch(config.batchSize, config.mix, isStream(config) ? config.replay : 0);
    const lossOn = config.mode === 'continual' ? 'all' : 'answer';
    return {
      baselineKey: `${tasks.map((t) => t.name).join(',')}|${size}`,
      evalSize: size,
      liveSize,
      evaluate: async (model, live) => {
        const all = await scores(model, live);
        const result = toEvalResult(all, task.name, GENERAL_SKILL_NAMES);
        return isStream(config) ? { ...result, tasks: Object.fromEntries(tasks.map((t) => [t.name, all[t.name]])) } : result;
      },
      stage(index) {
        task = tasks[index];
        sampler.setTask(task, tasks.slice(0, index));
      },
      samples: async (model) => ({ samples: await sampleAnswers(model, [task, ...GENERAL_SKILLS]) }),
      nextBatch() {
        const examples = sampler.sample(plan);
        return packBatch(examples, fittedLength(examples, dims.context), lossOn);
      },
      fisherBatches: () => exampleBatches(fisherExamples(config.seed), dims.context),
      taskFisherBatches: (index) => exampleBatches(taskFisherExamples(tasks[index], config.seed), dims.context),
      dispose: () => evaluator?.dispose(),
    };
  },

  async scoreBase({ base }, options = {}) {
    const model = options.model ?? new Gpt(base.manifest.dims, base.values);
    const { preview } = options;
    const evaluator = new Evaluator([...GENERAL_SKILLS, ...TASKS], base.manifest.dims, DEFAULT_EVAL_SIZE, preview ?? DEFAULT_EVAL_SIZE);
    try {
      const samples = options.samples === false ? [] : await sampleAnswers(model, [...GENERAL_SKILLS, ...TASKS]);
      return { scores: await evaluator.scores(model, preview !== undefined), general: GENERAL_SKILL_NAMES, samples };
    } finally {
      evaluator.dispose();
      if (!options.model) model.dispose();
    }
  },
};
