/**
 * The Web Worker that runs experiments off the main thread. The page talks to
 * it through comlink (client.ts) in the protocol of protocol.ts; tfjs lives
 * only here.
 */
import * as Comlink from 'comlink';
import { BACKENDS, useBackend, type BackendName } from '../engine/backend/backends';
import type { Checkpoint } from '../engine/checkpoint/format';
import type { ExperimentConfig } from '../engine/config/schema';
import { GENERAL_SKILLS, TASKS } from '../engine/data/skills';
import { Evaluator } from '../engine/eval/evaluate';
import { runExperiment } from '../engine/experiment/run';
import { speedTrial } from '../engine/experiment/speedTrial';
import { Gpt } from '../engine/model/model';
import * as tf from '../engine/tf';
import { fetchCheckpoint } from './loadBase';
import type { BaseModelReport, EventSink, LabWorkerApi, RunOutcome, WorkerBackend } from './protocol';
import { RunController } from './runController';
import { WASM_PATHS } from './wasmPaths';

class LabWorker implements LabWorkerApi {
  private base: Checkpoint | null = null;
  private controller: RunController | null = null;

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
    if (!this.base) this.base = await fetchCheckpoint(modelUrl);
    return { name: started, failures, model: { dims: this.base.manifest.dims, seenTokens: this.base.manifest.seenTokens } };
  }

  async trial(config: ExperimentConfig, steps: number) {
    return speedTrial(config, this.requireBase(), steps);
  }

  async warmUp(config: ExperimentConfig): Promise<number> {
    const base = this.requireBase();
    const started = performance.now();
    for await (const event of runExperiment({ ...config, steps: 1, evalEvery: 1 }, { backend: tf.getBackend(), base })) {
      if (event.type === 'error') throw new Error(`warm-up failed: ${event.message}`);
    }
    return performance.now() - started;
  }

  /** Evaluates the base model on every skill and task, in this worker, on the current backend. */
  async evaluateBase(): Promise<BaseModelReport> {
    const base = this.requireBase();
    const started = performance.now();
    const model = new Gpt(base.manifest.dims, base.values);
    const evaluator = new Evaluator([...GENERAL_SKILLS, ...TASKS], base.manifest.dims);
    try {
      const scores = await evaluator.scores(model);
      return { scores, params: model.theta.size, ms: performance.now() - started };
    } finally {
      evaluator.dispose();
      model.dispose();
    }
  }

  async run(config: ExperimentConfig, sink: EventSink): Promise<RunOutcome> {
    const base = this.requireBase();
    if (this.controller) throw new Error('a run is already in progress');
    const controller = new RunController();
    this.controller = controller;
    try {
      return await controller.drive(runExperiment(config, { backend: tf.getBackend(), base }), sink);
    } finally {
      this.controller = null;
      // The sink is a comlink proxy with a port of its own: close it, or every run leaves one open.
      (sink as Partial<Record<typeof Comlink.releaseProxy, () => void>>)[Comlink.releaseProxy]?.();
    }
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

  private requireBase(): Checkpoint {
    if (!this.base) throw new Error('the worker has not loaded the base model yet (call init first)');
    return this.base;
  }
}

Comlink.expose(new LabWorker());
