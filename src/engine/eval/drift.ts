/**
 * How far the weights have moved from the base model: ‖θ − θ0‖ per module
 * (weights and biases of `h0.attn.q` together) and over all parameters.
 * With LoRA the effective weights are W0 + s·B A, so a module's drift is ‖s·B A‖.
 */
import * as tf from '../tf';
import type { Gpt } from '../model/model';
import { moduleOf } from '../model/shapes';

export interface Drift {
  total: number;
  byLayer: Record<string, number>;
}

export async function measureDrift(model: Gpt, base: ReadonlyMap<string, tf.Tensor>): Promise<Drift> {
  const modules: string[] = [];
  const squares = tf.tidy(() => {
    const perModule = new Map<string, tf.Scalar[]>();
    const add = (module: string, sq: tf.Scalar) => {
      if (!perModule.has(module)) perModule.set(module, []);
      perModule.get(module)!.push(sq);
    };
    for (const [name, v] of model.params) {
      const b = base.get(name);
      if (b) add(moduleOf(name), tf.sum(tf.square(tf.sub(v, b))));
    }
    for (const [module, a] of model.adapters) {
      add(module, tf.sum(tf.square(tf.mul(tf.matMul(a.B as tf.Tensor2D, a.A as tf.Tensor2D), a.scale))));
    }
    const sums: tf.Scalar[] = [];
    for (const [module, parts] of perModule) {
      modules.push(module);
      sums.push(tf.addN(parts));
    }
    return tf.stack(sums);
  });
  const values = await squares.data();
  squares.dispose();
  const byLayer: Record<string, number> = {};
  let total = 0;
  modules.forEach((m, i) => {
    byLayer[m] = Math.sqrt(values[i]);
    total += values[i];
  });
  return { total: Math.sqrt(total), byLayer };
}
