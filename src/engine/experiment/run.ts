/**
 * runExperiment(config, env): load the base model, evaluate it, fine-tune it
 * (or continually pre-train it: the config's scenario supplies batches,
 * evaluations and samples, scenarios/), evaluate every `evalEvery` steps, and
 * stream the events of docs/architecture.md.
 * It is an async generator: the consumer pulls events at its own pace (a
 * paused consumer pauses the run) and `return()` stops it cleanly.
 */
import { formatErrors, resolveConfig } from '../config/keys';
import { configSchema, type ExperimentConfig } from '../config/schema';
import { measureDrift } from '../eval/drift';
import { cachedBaseline } from '../eval/baselineCache';
import { forgetting, taskGain, type EvalResult } from '../eval/score';
import { Gpt } from '../model/model';
import * as tf from '../tf';
import { addTaskFisher, estimateFisher, normalizeFisher } from '../train/fisher';
import { learningRate } from '../train/schedule';
import { Trainer } from '../train/trainer';
import { watchGpu } from '../backend/gpuHealth';
import type { ExperimentEvent, RunSummary } from './events';
import { countAllParams, countTrainableParams } from './paramCount';
import type { ScenarioAssets } from '../scenarios/scenario';
import { scenarioFor } from '../scenarios/runtimes';
import { prepareTraining } from './setup';
import { evaluatesAt, samplesAt } from './evalPlan';
import { anchorsAtStage, isStream, stageEnds, stageOfStep, stageTasks, stepsPerStage, streamSettingsProblem, totalSteps } from '../stream/stream';
import { streamRow, summarizeStream } from '../stream/streamSummary';
import { trainedAdapter } from '../adapters/trainedAdapter';
import { adapterPerStage, StageAdapters } from '../adapters/stageAdapters';

/** The base model to start from (the config's scenario's), its data where the scenario has files (text), and the backend. */
export interface RunEnvironment extends ScenarioAssets {
  /** The name of the tfjs backend in use (already set by the host). */
  backend: string;
  /** Called at each evaluation, before its event, with the model as trained so far (the worker keeps its weights to ask it prompts). */
  onEvaluated?: (model: Gpt, step: number) => Promise<void>;
}

/** The learning rate at a step (1-based): a stream restarts the schedule at each stage (stageSchedule=restart) or runs it once over all stages. */
function rateAt(config: ExperimentConfig, step: number): number {
  const perStage = isStream(config) && config.stageSchedule === 'restart';
  const span = perStage ? stepsPerStage(config) : totalSteps(config);
  const at = perStage ? (step - 1) % span : step - 1;
  return learningRate({ kind: config.schedule, lr: config.lr, warmup: config.warmup, steps: span, minRatio: 0.1 }, at);
}

/** An evaluation with the real-word share of the samples drawn with it (text), if any. */
function withRealWords(result: EvalResult, realWords: number | undefined): EvalResult {
  return realWords === undefined ? result : { ...result, realWords };
}

/** A step's loss on its way back from the device: read one step later, so the device never waits for the host. */
interface PendingLoss {
  step: number;
  lr: number;
  tensor: tf.Scalar;
  value: Promise<tf.TypedArray>;
}

export async function* runExperiment(input: ExperimentConfig, env: RunEnvironment): AsyncGenerator<ExperimentEvent, void, undefined> {
  const parsed = configSchema.safeParse(input);
  if (!parsed.success) {
    yield { type: 'error', message: `invalid config: ${formatErrors(resolveConfig(input).errors)}` };
    return;
  }
  const config = parsed.data;
  const streamProblem = streamSettingsProblem(config);
  if (streamProblem) {
    yield { type: 'error', message: `invalid config: ${streamProblem}` };
    return;
  }
  const { base } = env;
  const dims = base.manifest.dims;
  const disposers: Array<() => void> = [];
  const gpu = watchGpu();
  if (gpu) disposers.push(() => gpu.dispose());
  let step = 0;
  let pending: PendingLoss | null = null;
  /** The error event for a GPU problem reported so far, if any. */
  const gpuError = (at: number): ExperimentEvent | null =>
    gpu?.problems.length ? { type: 'error', step: at, message: `step ${at}: ${gpu.problems[0]} (the run was stopped: its numbers could be wrong)` } : null;
  try {
    const scenario = scenarioFor(config.scenario, env);
    const model = new Gpt(dims, base.values);
    disposers.push(() => model.dispose());
    const theta0 = model.theta.clone();
    disposers.push(() => theta0.dispose());

    const trainableParams = countTrainableParams(config, dims, base.manifest.seenTokens);
    yield {
      type: 'start',
      config,
      backend: env.backend,
      params: { total: countAllParams(dims), trainable: trainableParams },
    };

    const data = scenario.open(config, env);
    disposers.push(() => data.dispose());

    let fisher: tf.Tensor1D | undefined;
    // Online EWC (a stream with reg.anchor=stage) sums each finished task's Fisher (mean 1, as the base's) into a variable.
    const onlineEwc = config.reg.kind === 'ewc' && anchorsAtStage(config);
    if (config.reg.kind === 'ewc') {
      const estimate = estimateFisher(model, data.fisherBatches());
      for (;;) {
        const next = await estimate.next();
        if (next.done) {
          fisher = (await normalizeFisher(next.value)).fisher;
          break;
        }
        yield { type: 'fisher', ...next.value };
      }
      if (onlineEwc) {
        const normalized = fisher;
        fisher = tf.variable(normalized, false) as tf.Variable<tf.Rank.R1>;
        normalized.dispose();
      }
      const owned = fisher;
      disposers.push(() => owned.dispose());
    }

    const setup = prepareTraining(model, config, theta0, base.manifest.seenTokens, fisher);
    disposers.push(() => setup.dispose());
    const trainer = new Trainer(model, setup, { optimizer: { kind: config.optimizer, weightDecay: config.weightDecay }, clipNorm: config.clipNorm });
    disposers.push(() => trainer.dispose());
    const stageAdapters = adapterPerStage(config) ? new StageAdapters(model, theta0, config) : null;
    if (stageAdapters) disposers.push(() => stageAdapters.dispose());

    const baselineScores = await cachedBaseline(base, `${data.baselineKey}|${env.backend}`, async () => {
      const started = tf.util.now();
      const scores = await data.evaluate(model, false);
      const scored = tf.util.now();
      const { samples, realWords } = await data.samples(model);
      return { eval: withRealWords(scores, realWords), samples, timing: { scoreMs: scored - started, samplesMs: tf.util.now() - scored } };
    });
    const baseline = baselineScores.eval;
    yield { type: 'baseline', eval: baseline, evalSize: data.evalSize, samples: baselineScores.samples, timing: baselineScores.timing };

    const steps = totalSteps(config);
    const stream = isStream(config);
    const tasks = stageTasks(config);
    const ends = new Set(stream ? stageEnds(config) : []);
    const rows: number[][] = [];
    const generalByStage: number[] = [];
    let latest: EvalResult = baseline;
    let trainMs = 0;

    /** Reads a pending loss: its step event, or the error that ends the run. */
    const settle = async (p: PendingLoss): Promise<ExperimentEvent> => {
      const loss = (await p.value)[0];
      p.tensor.dispose();
      if (!Number.isFinite(loss)) {
        return { type: 'error', step: p.step, message: `training diverged: the loss became ${loss} at step ${p.step} (try a lower learning rate)` };
      }
      return gpuError(p.step) ?? { type: 'step', step: p.step, loss, lr: p.lr };
    };

    for (step = 1; step <= steps; step++) {
      const stage = stageOfStep(config, step);
      if (stream && stage > 0 && (step - 1) % config.stageSteps === 0) {
        // A new stage: its task's batches (and the earlier tasks' at `replay`); the regularizer's anchor moves here with reg.anchor=stage,
        // and online EWC first adds the finished task's Fisher, estimated at the weights the anchor moves to.
        if (onlineEwc) {
          for await (const progress of addTaskFisher(fisher as tf.Variable, model, data.taskFisherBatches(stage - 1))) yield { type: 'fisher', ...progress };
        }
        data.stage(stage);
        setup.reanchor?.();
        if (stageAdapters) {
          // A plugin per task: the finished stage's adapter is kept, this stage trains a fresh one from a fresh optimizer.
          stageAdapters.next(stage);
          trainer.resetOptimizer();
        }
      }
      const lr = rateAt(config, step);
      const batch = data.nextBatch();
      const started = tf.util.now();
      const tensor = trainer.step(batch, lr);
      const current: PendingLoss = { step, lr, tensor, value: tensor.data() };
      const previous = pending;
      pending = current;
      const endsStage = ends.has(step);
      const evaluates = evaluatesAt(step, config);
      // Read the previous step's loss while this one runs; before an evaluation, this one's too.
      const events: ExperimentEvent[] = [];
      if (previous) events.push(await settle(previous));
      if (evaluates && events.at(-1)?.type !== 'error') {
        pending = null;
        events.push(await settle(current));
      }
      trainMs += tf.util.now() - started;
      for (const event of events) {
        yield event;
        if (event.type === 'error') return;
      }
      if (evaluates) {
        // Mid-run points are live previews on fewer examples; the last, and a stream's stage ends (its matrix rows), use the whole held-out sets.
        const last = step === steps;
        const full = last || endsStage;
        latest = await data.evaluate(model, !full);
        // Per-stage adapters: each earlier task answered with its own adapter switched in.
        if (stageAdapters) latest = await stageAdapters.switched(latest, tasks, () => data.evaluate(model, !full));
        const drift = await measureDrift(model, theta0);
        const sampled = samplesAt(step, config) ? await data.samples(model) : undefined;
        if (sampled) latest = withRealWords(latest, sampled.realWords);
        const samples = sampled?.samples;
        await gpu?.settle();
        const problem = gpuError(step);
        if (problem) {
          yield problem;
          return;
        }
        await env.onEvaluated?.(model, step);
        yield { type: 'eval', step, eval: latest, evalSize: full ? data.evalSize : data.liveSize, drift, ...(samples ? { samples } : {}) };
        if (endsStage) {
          const row = streamRow(latest, tasks);
          rows.push(tasks.map((t) => row[t]));
          generalByStage.push(latest.generalAcc);
          // Per-stage adapters: the stage's own adapter, the plugin for its task, goes with its row.
          const own = stageAdapters ? await trainedAdapter(model, config, base) : null;
          yield { type: 'stage', stage, task: tasks[stage], step, row, generalAcc: latest.generalAcc, ...(own ? { adapter: own } : {}) };
        }
        // A LoRA run's adapter as it stands, so the page can plug it in mid-run (the page keeps only the newest).
        const adapter = await trainedAdapter(model, config, base);
        if (adapter) yield { type: 'adapter', step, adapter };
      }
    }

    const streamSummary = stream ? summarizeStream(tasks, baseline, rows, generalByStage) : undefined;
    const summary: RunSummary = {
      taskGain: streamSummary ? streamSummary.taskGain : taskGain(baseline, latest),
      forgetting: streamSummary ? streamSummary.meanForgetting : forgetting(baseline, latest),
      taskAcc: streamSummary ? streamSummary.stream.acc : latest.task.acc,
      generalAcc: latest.generalAcc,
      taskTokenAcc: latest.task.tokenAcc,
      generalTokenAcc: latest.generalTokenAcc,
      steps,
      msPerStep: trainMs / steps,
      trainableParams,
      ...(latest.task.bpc !== undefined ? { taskBpc: latest.task.bpc } : {}),
      ...(latest.generalBpc !== undefined ? { generalBpc: latest.generalBpc } : {}),
      ...(latest.realWords !== undefined ? { realWords: latest.realWords } : {}),
      ...(streamSummary ? { stream: { ...streamSummary.stream, ...(stageAdapters ? { perTaskAdapters: true } : {}) } } : {}),
    };
    yield { type: 'done', summary };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    yield { type: 'error', message: step > 0 ? `step ${step}: ${message}` : message, ...(step > 0 ? { step } : {}) };
  } finally {
    if (pending) {
      const left: PendingLoss = pending;
      await left.value.catch(() => undefined);
      left.tensor.dispose();
    }
    for (const dispose of disposers.reverse()) dispose();
  }
}
