/**
 * A GPT instance: its named parameter variables, the causal mask it reuses
 * every step, and any LoRA adapters attached to its linear modules.
 */
import * as tf from '../tf';
import type { ModelDims } from './dims';
import { forward, makeCausalMask, type LoraAdapter } from './gpt';
import { makeVariables } from './params';
import { paramShapes } from './shapes';

export class Gpt {
  readonly params: Map<string, tf.Variable>;
  readonly adapters = new Map<string, LoraAdapter>();
  private readonly causalMask: tf.Tensor2D;

  constructor(
    readonly dims: ModelDims,
    values: Record<string, Float32Array>,
  ) {
    this.params = makeVariables(dims, values);
    this.causalMask = makeCausalMask(dims.context);
  }

  /** Logits (B·T, vocab) for ids (B, T). */
  logits(ids: tf.Tensor2D): tf.Tensor2D {
    return forward(
      {
        dims: this.dims,
        weight: (name) => this.params.get(name) ?? missing(name),
        adapters: this.adapters,
        causalMask: this.causalMask,
      },
      ids,
    );
  }

  /** Current parameter values, read back to the host (for checkpoints). */
  async values(): Promise<Record<string, Float32Array>> {
    const out: Record<string, Float32Array> = {};
    for (const name of Object.keys(paramShapes(this.dims))) {
      out[name] = (await this.params.get(name)!.data()) as Float32Array;
    }
    return out;
  }

  dispose(): void {
    for (const v of this.params.values()) v.dispose();
    for (const a of this.adapters.values()) {
      a.A.dispose();
      a.B.dispose();
    }
    this.adapters.clear();
    this.causalMask.dispose();
  }
}

function missing(name: string): never {
  throw new Error(`the model has no parameter '${name}'`);
}
