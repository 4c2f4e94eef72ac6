/**
 * runExperiment(config, env): load the base model, evaluate it, fine-tune it,
 * evaluate every `evalEvery` steps, and stream the events of DESIGN.md.
 * It is an async generator: the consumer pulls events at its own pace (a
 * paused consumer pauses the run) and `return()` stops it cleanly.
 */
import type { Checkpoint } from '../checkpoint/format';
import { formatErrors, resolveConfig } from '../config/keys';
import { configSchema, type ExperimentConfig } from '../config/schema';
import { fittedLength, packBatch } from '../data/batch';
import { Rng } from '../data/rng';
import { BatchSampler, planBatch } from '../data/sampler';
import { findSkill, GENERAL_SKILL_NAMES, GENERAL_SKILLS } from '../data/skills';
import { measureDrift } from '../eval/drift';
import { Evaluator } from '../eval/evaluate';
import { sampleAnswers } from '../eval/samples';
import { forgetting, taskGain, toEvalResult, type EvalResult } from '../eval/score';
import { Gpt } from '../model/model';
import * as tf from '../tf';
import { estimateFisher, fisherExamples, normalizeFisher } from '../train/fisher';
import { learningRate } from '../train/schedule';
import { Trainer } from '../train/trainer';
import type { ExperimentEvent, RunSummary } from './events';
import { countAllParams, countTrainableParams } from './paramCount';
import { prepareTraining } from './setup';

export interface RunEnvironment {
  /** The name of the tfjs backend in use (already set by the host). */
  backend: string;
  /** The base model to start from. */
  base: Checkpoint;
  /** Held-out examples per skill (smaller only in tests). */
  evalSize?: number;
}

export async function* runExperiment(input: ExperimentConfig, env: RunEnvironment): AsyncGenerator<ExperimentEvent, void, undefined> {
  const parsed = configSchema.safeParse(input);
  if (!parsed.success) {
    yield { type: 'error', message: `invalid config: ${formatErrors(resolveConfig(input).errors)}` };
    return;
  }
  const config = parsed.data;
  const { base } = env;
  const dims = base.manifest.dims;
  const disposers: Array<() => void> = [];
  let step = 0;
  try {
    const model = new Gpt(dims, base.values);
    disposers.push(() => model.dispose());
    const original = new Map<string, tf.Tensor>();
    for (const [name, v] of model.params) original.set(name, v.clone());
    disposers.push(() => tf.dispose([...original.values()]));

    const trainableParams = countTrainableParams(config, dims, base.manifest.seenTokens);
    yield {
      type: 'start',
      config,
      backend: env.backend,
      params: { total: countAllParams(dims), trainable: trainableParams },
    };

    let fisher: Map<string, tf.Tensor> | undefined;
    if (config.reg.kind === 'ewc') {
      const examples = fisherExamples(config.seed);
      const estimate = estimateFisher(model, model.params, examples);
      for (;;) {
        const next = await estimate.next();
        if (next.done) {
          fisher = normalizeFisher(next.value).fisher;
          break;
        }
        yield { type: 'fisher', ...next.value };
      }
      const owned = fisher;
      disposers.push(() => tf.dispose([...owned.values()]));
    }

    const setup = prepareTraining(model, config, original, base.manifest.seenTokens, fisher);
    disposers.push(() => setup.dispose());
    const trainer = new Trainer(
      model,
      setup.trainable,
      { optimizer: { kind: config.optimizer, weightDecay: config.weightDecay }, clipNorm: config.clipNorm },
      setup.hooks,
    );
    disposers.push(() => trainer.dispose());

    const task = findSkill(config.task);
    const evaluator = new Evaluator([task, ...GENERAL_SKILLS], dims.context, env.evalSize);
    disposers.push(() => evaluator.dispose());
    const evaluate = async () => toEvalResult(await evaluator.scores(model), task.name, GENERAL_SKILL_NAMES);
    const sampleSkills = [task, ...GENERAL_SKILLS];
    const baseline = await evaluate();
    yield { type: 'baseline', eval: baseline, samples: await sampleAnswers(model, sampleSkills) };

    const sampler = new BatchSampler(task, GENERAL_SKILLS, Rng.derive(config.seed, 'data'));
    const plan = planBatch(config.batchSize, config.mix);
    const lossOn = config.mode === 'continual' ? 'all' : 'answer';
    const schedule = { kind: config.schedule, lr: config.lr, warmup: config.warmup, steps: config.steps, minRatio: 0.1 };
    let latest: EvalResult = baseline;
    let trainMs = 0;

    for (step = 1; step <= config.steps; step++) {
      const lr = learningRate(schedule, step - 1);
      const examples = sampler.sample(plan);
      const batch = packBatch(examples, fittedLength(examples, dims.context), lossOn);
      const started = tf.util.now();
      const lossTensor = trainer.step(batch, lr);
      const loss = (await lossTensor.data())[0];
      lossTensor.dispose();
      trainMs += tf.util.now() - started;
      if (!Number.isFinite(loss)) {
        yield { type: 'error', step, message: `training diverged: the loss became ${loss} at step ${step} (try a lower learning rate)` };
        return;
      }
      yield { type: 'step', step, loss, lr };
      if (step % config.evalEvery === 0 || step === config.steps) {
        latest = await evaluate();
        const drift = await measureDrift(model, original);
        yield { type: 'eval', step, eval: latest, drift, samples: await sampleAnswers(model, sampleSkills) };
      }
    }

    const summary: RunSummary = {
      taskGain: taskGain(baseline, latest),
      forgetting: forgetting(baseline, latest),
      taskAcc: latest.task.acc,
      generalAcc: latest.generalAcc,
      taskTokenAcc: latest.task.tokenAcc,
      generalTokenAcc: latest.generalTokenAcc,
      steps: config.steps,
      msPerStep: trainMs / config.steps,
      trainableParams,
    };
    yield { type: 'done', summary };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    yield { type: 'error', message: step > 0 ? `step ${step}: ${message}` : message, ...(step > 0 ? { step } : {}) };
  } finally {
    for (const dispose of disposers.reverse()) dispose();
  }
}
