/**
 * The worker's side of "Ask the model": answering a prompt with a scenario's
 * base model or with a run's weights, and sending a run's weights to the page
 * at each evaluation so it can be asked after the run (the page keeps them:
 * store/runWeightsStore.ts). A model is built for each question and freed
 * after it: the models are small (about 100k weights).
 */
import { askModel, type AskResult } from '../engine/eval/askModel';
import type { RunEnvironment } from '../engine/experiment/run';
import { effectiveWeights, weightsModel } from '../engine/model/effectiveWeights';
import { Gpt } from '../engine/model/model';
import { describeScenario } from '../engine/scenarios/registry';
import type { AskRequest, WeightsSink } from './protocol';
import type { WorkerAssets } from './scenarioAssets';

export async function answerAsk(assets: WorkerAssets, request: AskRequest): Promise<AskResult> {
  const base = await assets.base(request.scenario);
  const { dims } = base.manifest;
  const format = describeScenario(request.scenario).prompt;
  const model = request.weights ? weightsModel(dims, request.weights) : new Gpt(dims, base.values);
  try {
    return await askModel(model, request.tokens, { maxNew: format.maxNew, temperature: request.temperature, seed: request.seed, stopAt: format.stopAt });
  } finally {
    model.dispose();
  }
}

/** The run's hook that sends its weights at each evaluation to `sink` (none without one). */
export function reportWeights(sink: WeightsSink | undefined): RunEnvironment['onEvaluated'] {
  if (!sink) return undefined;
  return async (model, step) => {
    const weights = await effectiveWeights(model);
    // Not awaited: the run does not wait for the page's reply (the page asks again when they come).
    void Promise.resolve(sink({ step, weights })).catch(() => undefined);
  };
}
