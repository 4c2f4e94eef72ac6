/**
 * Stand-ins for the store tests (labStore, backendTiming, workerPool): a
 * worker implementing the protocol, a backend memory in a map, and two
 * browsers (one with only software GPUs, one with a hardware WebGPU adapter).
 */
import type { BackendName } from '../engine/backend/names';
import type { ExperimentConfig } from '../engine/config/schema';
import type { ExperimentEvent } from '../engine/experiment/events';
import type { SpeedTrial } from '../engine/experiment/speedTrial';
import type { ScenarioName } from '../engine/scenarios/names';
import type { BackendDecision, BrowserFacts } from '../worker/backendChoice';
import type { AskRequest, BaseModelReport, EventSink, LabWorkerApi, RunOutcome, RunWeights, WeightsSink, WorkerBackend } from '../worker/protocol';
import type { AskResult } from '../engine/eval/askModel';
import type { BackendMemory } from './backendMemory';
import type { WorkerConnection } from './workerPool';

const dims = { vocabSize: 32, context: 20, dModel: 64, nLayers: 2, nHeads: 4, dFF: 256 };

export const softwareOnly: BrowserFacts = {
  webgpu: { available: true, fallback: true, description: 'google swiftshader' },
  webgl: { available: true, software: true, renderer: 'SwiftShader' },
};

export const withGpu: BrowserFacts = {
  webgpu: { available: true, fallback: false, description: 'test gpu' },
  webgl: { available: false, software: false, renderer: 'no WebGL2' },
};

/** A stand-in worker implementing the protocol: streams the given events per run, times steps as told. */
export class FakeWorker implements LabWorkerApi {
  backend: BackendName = 'wasm';
  calls: string[] = [];
  constructor(
    private readonly events: ExperimentEvent[],
    private readonly msPerStep: Partial<Record<BackendName, number>> = {},
    private readonly never: BackendName[] = [],
  ) {}
  async init(backend: BackendName): Promise<WorkerBackend> {
    this.calls.push(`init ${backend}`);
    this.backend = backend;
    return { name: backend, failures: [], model: { dims, seenTokens: [] } };
  }
  /** Called when a trial that never ends has begun. */
  onEndlessTrial = () => {};
  async trial(): Promise<SpeedTrial> {
    this.calls.push(`trial ${this.backend}`);
    if (this.never.includes(this.backend)) {
      this.onEndlessTrial();
      return new Promise(() => {});
    }
    return { msPerStep: this.msPerStep[this.backend] ?? 50, firstStepMs: 100, steps: 3 };
  }
  /** The scenarios whose base model this worker scored, in order. */
  evaluated: ScenarioName[] = [];
  async evaluateBase(scenario: ScenarioName = 'skills'): Promise<BaseModelReport> {
    this.evaluated.push(scenario);
    return { scenario, scores: {}, samples: [], params: 1, ms: 1 };
  }
  async prepare(): Promise<void> {
    this.calls.push('prepare');
  }
  /** The weights of each evaluateAdapters call's plugs, in order. */
  plugged: number[][] = [];
  async evaluateAdapters(scenario: ScenarioName, plugs: Array<{ weight: number }>) {
    this.plugged.push(plugs.map((p) => p.weight));
    return { scores: { task: { acc: plugs.reduce((n, p) => n + p.weight, 0), tokenAcc: 0, loss: 0 } }, general: [scenario], ms: 1 };
  }
  async warmUp(): Promise<number> {
    this.calls.push('warmUp');
    return 0;
  }
  /** When set, a run waits for the test to end it (or for stop). */
  gated = false;
  private finish: ((outcome: RunOutcome) => void) | null = null;
  /** A release that came before its run reached the gate. */
  private early: RunOutcome | null = null;
  /** Ends a gated run (the one going, or the next one to start). */
  release(outcome: RunOutcome = 'done') {
    if (this.finish) {
      this.finish(outcome);
      this.finish = null;
    } else this.early = outcome;
  }
  /** Weights a run sends before its events, if set. */
  weights: RunWeights | null = null;
  async run(_config: ExperimentConfig, sink: EventSink, onWeights?: WeightsSink): Promise<RunOutcome> {
    this.calls.push('run');
    if (this.weights) await onWeights?.(this.weights);
    // As the worker stamps them: 10 ms of run time per event.
    await sink({ events: this.events, at: this.events.map((_, i) => 10 * i), waitedMs: 0 });
    const settled = this.events.at(-1)?.type === 'done' ? 'done' : 'error';
    if (!this.gated) return settled;
    if (this.early) {
      const outcome = this.early;
      this.early = null;
      return outcome;
    }
    return new Promise((resolve) => (this.finish = resolve));
  }
  async pause() {
    this.calls.push('pause');
    return 0;
  }
  async resume() {
    this.calls.push('resume');
  }
  async stop() {
    this.calls.push('stop');
    this.release('stopped');
  }
  async memory() {
    return { numTensors: 0, numBytes: 0 };
  }
  /** The prompts asked, in order. */
  asked: AskRequest[] = [];
  async ask(request: AskRequest): Promise<AskResult> {
    this.asked.push(request);
    return { steps: request.tokens.map((token) => ({ token, top: [{ token, p: 1 }] })), ended: 'length' };
  }
}

export function memoryInMap(): BackendMemory & { stored: Map<string, BackendDecision> } {
  const stored = new Map<string, BackendDecision>();
  return { stored, recall: (k) => stored.get(k) ?? null, remember: (k, d) => void stored.set(k, d), forget: (k) => void stored.delete(k) };
}

/** Opens fake workers, as the page opens real ones, and keeps every one it opened and every one terminated. */
export function fakeWorkers(
  events: ExperimentEvent[] = [],
  options: { msPerStep?: Partial<Record<BackendName, number>>; never?: BackendName[]; gated?: boolean } = {},
) {
  const workers: FakeWorker[] = [];
  const terminated: FakeWorker[] = [];
  const failures: ((message: string) => void)[] = [];
  let endless = () => {};
  const endlessTrialBegun = new Promise<void>((resolve) => (endless = resolve));
  const open = (): WorkerConnection => {
    const worker = new FakeWorker(events, options.msPerStep, options.never);
    worker.onEndlessTrial = endless;
    worker.gated = options.gated ?? false;
    workers.push(worker);
    return { client: worker, terminate: () => void terminated.push(worker), proxy: (fn) => fn, modelUrl: 'models/base/', onFailure: (handler) => void failures.push(handler) };
  };
  return { open, workers, terminated, endlessTrialBegun, failWorker: (i: number, message: string) => failures[i](message) };
}
