/**
 * The Web Worker that runs experiments off the main thread. The page talks to
 * it through comlink (src/worker/client.ts); tfjs lives only here.
 */
import * as Comlink from 'comlink';
import { BACKENDS, useBackend, type BackendName } from '../engine/backend/backends';
import type { Checkpoint } from '../engine/checkpoint/format';
import type { ExperimentConfig } from '../engine/config/schema';
import { GENERAL_SKILLS, TASKS } from '../engine/data/skills';
import { Evaluator } from '../engine/eval/evaluate';
import type { SkillScore } from '../engine/eval/score';
import type { ExperimentEvent } from '../engine/experiment/events';
import { runExperiment } from '../engine/experiment/run';
import { Gpt } from '../engine/model/model';
import type { ModelDims } from '../engine/model/dims';
import * as tf from '../engine/tf';
import { describeManual, pickAuto, probeWebGpu, type BackendChoice, type BackendPick } from './backendChoice';
import { fetchCheckpoint } from './loadBase';
import { RunController, type RunOutcome } from './runController';
import { WASM_PATHS } from './wasmPaths';

export interface BackendStatus extends BackendPick {
  /** Backends tried before this one and why they failed. */
  failures: string[];
  /** What the page needs to know of the base model without loading tfjs. */
  model: { dims: ModelDims; seenTokens: number[] };
}

export interface BaseModelReport {
  /** Exact match per skill and task, measured here on the held-out sets. */
  scores: Record<string, SkillScore>;
  /** What the checkpoint says it measured when it was written. */
  recorded: Record<string, number>;
  params: number;
  ms: number;
}

class LabWorker {
  private base: Checkpoint | null = null;
  private controller: RunController | null = null;

  async init(choice: BackendChoice, modelUrl: string): Promise<BackendStatus> {
    const facts = await probeWebGpu();
    const first = choice === 'auto' ? pickAuto(facts) : describeManual(choice, facts);
    const order: BackendName[] = [first.name, ...BACKENDS.filter((b) => b !== first.name && BACKENDS.indexOf(b) > BACKENDS.indexOf(first.name))];
    const failures: string[] = [];
    let pick: BackendPick | null = null;
    for (const name of order) {
      try {
        await useBackend(name, { wasmPaths: WASM_PATHS });
        const chosen = name === first.name ? first : describeManual(name, facts);
        pick = failures.length ? { ...chosen, reason: `fell back: ${failures.join('; ')}` } : chosen;
        break;
      } catch (err) {
        failures.push(`${name} could not start (${err instanceof Error ? err.message : String(err)})`);
      }
    }
    if (!pick) throw new Error(`no backend could start: ${failures.join('; ')}`);
    if (!this.base) this.base = await fetchCheckpoint(modelUrl);
    return { ...pick, failures, model: { dims: this.base.manifest.dims, seenTokens: this.base.manifest.seenTokens } };
  }

  /**
   * A throwaway one-step run of the given config, so GPU backends compile the
   * shaders of training, evaluation and decoding before a run is timed
   * (seconds on WebGPU). Returns how long it took.
   */
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
      return { scores, recorded: base.manifest.accuracy, params: model.theta.size, ms: performance.now() - started };
    } finally {
      evaluator.dispose();
      model.dispose();
    }
  }

  async run(config: ExperimentConfig, sink: (events: ExperimentEvent[]) => void | Promise<void>): Promise<RunOutcome> {
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

  pause(): void {
    this.controller?.pause();
  }

  resume(): void {
    this.controller?.resume();
  }

  stop(): void {
    this.controller?.stop();
  }

  memory(): { numTensors: number; numBytes: number } {
    const { numTensors, numBytes } = tf.memory();
    return { numTensors, numBytes };
  }

  private requireBase(): Checkpoint {
    if (!this.base) throw new Error('the worker has not loaded the base model yet (call init first)');
    return this.base;
  }
}

export type LabWorkerApi = LabWorker;

Comlink.expose(new LabWorker());
