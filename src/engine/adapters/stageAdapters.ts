/**
 * One LoRA adapter per stage of a stream (lora.perStage): the adapter as a
 * plugin per task. The base stays frozen; at each new stage the finished
 * stage's adapter (its LoRA values and the new-token rows it trained, which
 * live in the base's embedding table) is kept, and the next stage starts on a
 * fresh adapter (B = 0, A drawn anew) and the base's rows. To answer task j,
 * task j's adapter is switched in: every earlier task is scored with its own
 * adapter, and since neither the base nor a kept adapter changes again, its
 * score is the one it had at its stage's end, exactly (a test checks it).
 */
import type { ExperimentConfig } from '../config/schema';
import type { EvalResult } from '../eval/score';
import { LoraPack } from '../model/lora';
import type { Gpt } from '../model/model';
import * as tf from '../tf';
import { isStream } from '../stream/stream';

/** A stream of LoRA with one adapter per stage. */
export function adapterPerStage(config: Pick<ExperimentConfig, 'stream' | 'method' | 'lora'>): boolean {
  return isStream(config) && config.method === 'lora' && config.lora.perStage;
}

/** An adapter as the model holds it: the LoRA pack's values and the base weights with its new-token rows. */
interface HeldAdapter {
  lora: tf.Tensor;
  theta: tf.Tensor;
}

export class StageAdapters {
  private readonly kept: HeldAdapter[] = [];

  /** `theta0`: the base weights (the caller keeps it). */
  constructor(
    private readonly model: Gpt,
    private readonly theta0: tf.Tensor,
    private readonly config: ExperimentConfig,
  ) {
    if (!model.lora) throw new Error('per-stage adapters need a LoRA model');
  }

  /** How many finished stages' adapters are kept: the stage now training. */
  get count(): number {
    return this.kept.length;
  }

  /** Keeps the adapter of the stage just finished and starts stage `stage` on a fresh one (the caller resets the optimizer). */
  next(stage: number): void {
    const lora = this.model.lora!;
    this.kept.push(this.hold());
    const fresh = new LoraPack(this.model.dims, this.config.lora, this.config.seed, stage);
    lora.theta.assign(fresh.theta);
    fresh.dispose();
    this.model.theta.assign(this.theta0);
  }

  /**
   * The evaluation of the model now, with each earlier stream task's scores
   * replaced by those with its own adapter switched in (`evaluate` scores the
   * model as it stands); the current adapter is back in place after.
   */
  async switched(result: EvalResult, tasks: readonly string[], evaluate: () => Promise<EvalResult>): Promise<EvalResult> {
    if (!this.kept.length || !result.tasks) return result;
    const scores = { ...result.tasks };
    const current = this.hold();
    try {
      for (const [j, adapter] of this.kept.entries()) {
        this.put(adapter);
        const own = (await evaluate()).tasks?.[tasks[j]];
        if (!own) throw new Error(`per-stage adapters: the evaluation did not score task '${tasks[j]}'`);
        scores[tasks[j]] = own;
      }
    } finally {
      this.put(current);
      tf.dispose([current.lora, current.theta]);
    }
    return { ...result, tasks: scores };
  }

  private hold(): HeldAdapter {
    return { lora: this.model.lora!.theta.clone(), theta: this.model.theta.clone() };
  }

  private put(adapter: HeldAdapter): void {
    this.model.lora!.theta.assign(adapter.lora);
    this.model.theta.assign(adapter.theta);
  }

  dispose(): void {
    for (const a of this.kept) tf.dispose([a.lora, a.theta]);
    this.kept.length = 0;
  }
}
