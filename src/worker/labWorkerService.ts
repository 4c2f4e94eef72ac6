/**
 * What the lab's Web Worker does (labWorker.ts exposes it over comlink): the
 * protocol of protocol.ts, with tfjs. A plain class, so Node tests can drive
 * it as the page does.
 */
import * as Comlink from 'comlink';
import { BACKENDS, useBackend, type BackendName } from '../engine/backend/backends';
import { defaultConfig, type ExperimentConfig } from '../engine/config/schema';
import { runExperiment } from '../engine/experiment/run';
import { scenarioFor } from '../engine/scenarios/runtimes';
import { speedTrial } from '../engine/experiment/speedTrial';
import { countAllParams } from '../engine/experiment/paramCount';
import type { ScenarioName } from '../engine/scenarios/names';
import * as tf from '../engine/tf';
import type { AskResult } from '../engine/eval/askModel';
import type { AskRequest, BaseModelReport, EventSink, LabWorkerApi, RunOutcome, WeightsSink, WorkerBackend } from './protocol';
import { answerAsk, reportWeights } from './askService';
import { RunController } from './runController';
import { scorePlugged } from '../engine/adapters/scorePlugged';
import { runFromStart } from '../engine/adapters/mergedStart';
import type { StartAdapter } from '../engine/adapters/startSpec';
import type { AdapterFields, Plug } from '../engine/adapters/adapterRecord';
import { WorkerAssets } from './scenarioAssets';
import { WASM_PATHS } from './wasmPaths';

export class LabWorker implements LabWorkerApi {
  private assets: WorkerAssets | null = null;
  private controller: RunController | null = null;
  /** The preparation under way (prepare), which a run waits for. */
  private preparing: Promise<void> = Promise.resolve();

  async init(backend: BackendName, modelUrl: string): Promise<WorkerBackend> {
    // The asked-for backend, then the slower ones after it if it cannot start.
    const order = BACKENDS.slice(BACKENDS.indexOf(backend));
    const failures: string[] = [];
    let started: BackendName | null = null;
    for (const name of order) {
      try {
        await useBackend(name, { wasmPaths: WASM_PATHS });
        started = name;
        break;
      } catch (err) {
        failures.push(`${name} could not start (${err instanceof Error ? err.message : String(err)})`);
      }
    }
    if (!started) throw new Error(`no backend could start: ${failures.join('; ')}`);
    this.assets ??= new WorkerAssets(modelUrl);
    // The default scenario's model loads at once (the page starts on it); another's model and data when a run or report asks.
    const base = await this.assets.base(defaultConfig().scenario);
    return { name: started, failures, model: { dims: base.manifest.dims, seenTokens: base.manifest.seenTokens } };
  }

  async trial(config: ExperimentConfig, steps: number) {
    return speedTrial(config, await this.requireAssets().forConfig(config), steps);
  }

  async warmUp(config: ExperimentConfig): Promise<number> {
    const assets = await this.requireAssets().forConfig(config);
    const started = performance.now();
    for await (const event of runExperiment({ ...config, steps: 1, evalEvery: 1 }, { ...assets, backend: tf.getBackend() })) {
      if (event.type === 'error') throw new Error(`warm-up failed: ${event.message}`);
      // The baseline (an evaluation and the samples' decoding, kept for the runs) and a training step have compiled
      // the shaders; the run's last evaluation would only run the baseline's shapes again (on SwiftShader, a minute of compute).
      if (event.type === 'step') break;
    }
    return performance.now() - started;
  }

  /**
   * Scores the base model as the config's runs do (the baseline, kept for
   * every run of this checkpoint and task) and trains one throwaway step, so
   * a run started later begins at full pace: called while the page waits for
   * Start. Never fails: a run would say what is wrong.
   */
  async prepare(config: ExperimentConfig): Promise<void> {
    // A run from merged adapters scores its own start (the adapters come with the run).
    if (this.controller || config.start.length) return;
    const task = this.preparing.then(async () => {
      const assets = await this.requireAssets().forConfig(config);
      for await (const event of runExperiment({ ...config, steps: 1, evalEvery: 1 }, { ...assets, backend: tf.getBackend() })) {
        // The first step comes after the baseline; leaving here frees the run's tensors (its finally block).
        if (event.type === 'step' || event.type === 'error') break;
      }
    });
    this.preparing = task.catch(() => undefined);
    await this.preparing;
  }

  /** Scores a scenario's base model on every ability (skills and tasks; genres and domains), in this worker, on the current backend; with its answers (text: samples) to the fixed prompts. */
  async evaluateBase(scenario: ScenarioName = defaultConfig().scenario): Promise<BaseModelReport> {
    const assets = await this.requireAssets().forBaseReport(scenario);
    const started = performance.now();
    const { scores, general, samples, realWords } = await scenarioFor(scenario, assets).scoreBase(assets);
    const ms = performance.now() - started;
    const { dims, seenTokens } = assets.base.manifest;
    return { scenario, scores, general, samples, ...(realWords !== undefined ? { realWords } : {}), params: countAllParams(dims), ms, model: { dims, seenTokens } };
  }

  async run(config: ExperimentConfig, sink: EventSink, onWeights?: WeightsSink, start: StartAdapter[] = []): Promise<RunOutcome> {
    if (this.controller) throw new Error('a run is already in progress');
    const controller = new RunController();
    this.controller = controller;
    try {
      await this.preparing;
      const assets = await this.requireAssets().forConfig(config);
      return await controller.drive(runFromStart(config, { ...assets, backend: tf.getBackend(), onEvaluated: reportWeights(onWeights) }, start), sink);
    } finally {
      this.controller = null;
      // The sink is a comlink proxy with a port of its own: close it, or every run leaves one open.
      for (const proxy of [sink, onWeights]) (proxy as Partial<Record<typeof Comlink.releaseProxy, () => void>> | undefined)?.[Comlink.releaseProxy]?.();
    }
  }

  async ask(request: AskRequest): Promise<AskResult> {
    return answerAsk(this.requireAssets(), request);
  }

  async pause(): Promise<number> {
    if (!this.controller) return 0;
    this.controller.pause();
    return this.controller.parked();
  }

  async resume(): Promise<void> {
    this.controller?.resume();
  }

  async stop(): Promise<void> {
    this.controller?.stop();
  }

  async memory(): Promise<{ numTensors: number; numBytes: number }> {
    const { numTensors, numBytes } = tf.memory();
    return { numTensors, numBytes };
  }

  async evaluateAdapters(scenario: ScenarioName, plugs: Plug<AdapterFields>[], preview?: number) {
    return scorePlugged(scenario, await this.requireAssets().forBaseReport(scenario), plugs, preview);
  }

  private requireAssets(): WorkerAssets {
    if (!this.assets) throw new Error('the worker has not started yet (call init first)');
    return this.assets;
  }
}
