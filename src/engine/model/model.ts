/**
 * A GPT instance: its base weights packed in one flat variable (layout.ts),
 * the causal mask it reuses every pass, and any LoRA adapters attached.
 */
import * as tf from '../tf';
import type { SegmentName } from './architecture';
import type { ModelDims } from './dims';
import { forward, makeCausalMask, type Adapters, type ModelInput, type Saved, type Weights } from './gpt';
import { baseLayout, basePlacements, packValues, unpackValues, type PackLayout, type Placement } from './layout';
import type { LoraPack } from './lora';
import { splitPack } from './pack';

export class Gpt {
  readonly layout: PackLayout<SegmentName>;
  readonly placements: readonly Placement[];
  /** The base weights, flat. */
  readonly theta: tf.Variable;
  /** LoRA adapters, once attached (the model disposes them). */
  lora: LoraPack | null = null;
  private readonly causalMask: tf.Tensor2D;

  constructor(
    readonly dims: ModelDims,
    values: Record<string, Float32Array>,
  ) {
    this.layout = baseLayout(dims);
    this.placements = basePlacements(dims);
    const flat = packValues(this.layout, this.placements, values);
    this.theta = tf.tidy(() => tf.variable(tf.tensor1d(flat), true));
    this.causalMask = makeCausalMask(dims.context);
  }

  /** The base weights by segment; call inside tf.tidy. */
  weights(): Weights {
    return splitPack(this.theta, this.layout);
  }

  adapters(): Adapters | undefined {
    return this.lora?.adapters();
  }

  /** Logits (B·T, vocab); with `saved`, keeps what the written-out backward pass needs. */
  logits(input: ModelInput, saved?: Saved, weights: Weights = this.weights(), adapters = this.adapters()): tf.Tensor2D {
    return forward(weights, adapters, this.dims, input, this.causalMask, saved);
  }

  /** Current parameter values by checkpoint name, read back to the host. */
  async values(): Promise<Record<string, Float32Array>> {
    return unpackValues(this.layout, this.placements, (await this.theta.data()) as Float32Array);
  }

  dispose(): void {
    this.theta.dispose();
    this.lora?.dispose();
    this.lora = null;
    this.causalMask.dispose();
  }
}
