/**
 * LoRA as in PEFT: on each targeted linear module, h = W0 x + s · B A x with
 * A ∈ R^{r×in} Kaiming-uniform (PEFT's kaiming_uniform_(a=√5), i.e. U(±1/√in)),
 * B ∈ R^{out×r} zeros, so the adapter starts as a no-op; s = alpha / r, or
 * alpha / √r with rsLoRA. The base weights stay frozen.
 */
import { Rng } from '../data/rng';
import * as tf from '../tf';
import type { LoraAdapter } from './gpt';
import type { Gpt } from './model';
import { loraModules, loraScale } from './shapes';

export { loraModules, loraScale };

export interface LoraSpec {
  rank: number;
  alpha: number;
  targets: readonly string[];
  rslora: boolean;
}


/**
 * Attaches adapters to the model and returns their variables by name
 * (`h0.attn.q.lora_A`, `h0.attn.q.lora_B`). The model disposes them.
 */
export function attachLora(model: Gpt, spec: LoraSpec, seed: number): Map<string, tf.Variable> {
  const rng = Rng.derive(seed, 'lora');
  const scale = loraScale(spec);
  const vars = new Map<string, tf.Variable>();
  for (const module of loraModules(model.dims.nLayers, spec.targets)) {
    const [fanIn, fanOut] = model.params.get(`${module}.weight`)!.shape;
    const bound = 1 / Math.sqrt(fanIn);
    const a = Float32Array.from({ length: spec.rank * fanIn }, () => rng.uniform(-bound, bound));
    const A = tf.tidy(() => tf.variable(tf.tensor2d(a, [spec.rank, fanIn]), true));
    const B = tf.tidy(() => tf.variable(tf.zeros([fanOut, spec.rank]), true));
    model.adapters.set(module, { A, B, scale });
    vars.set(`${module}.lora_A`, A);
    vars.set(`${module}.lora_B`, B);
  }
  return vars;
}

/** The adapter's change to a module's weight, in the model's (in × out) layout: s · (B A)ᵀ. */
export function loraDelta(adapter: LoraAdapter): tf.Tensor2D {
  return tf.mul(tf.transpose(tf.matMul(adapter.B as tf.Tensor2D, adapter.A as tf.Tensor2D)), adapter.scale) as tf.Tensor2D;
}

/** Merged weights W = W0 + s·B A for every adapted module; other parameters as they are. */
export async function mergedValues(model: Gpt): Promise<Record<string, Float32Array>> {
  const values = await model.values();
  for (const [module, adapter] of model.adapters) {
    const merged = tf.tidy(() => tf.add(model.params.get(`${module}.weight`)!, loraDelta(adapter)));
    values[`${module}.weight`] = (await merged.data()) as Float32Array;
    merged.dispose();
  }
  return values;
}
