/**
 * Starts tfjs in Node. `auto` is wasm, then cpu when wasm cannot start.
 * `webgpu` runs through Dawn for Node (nodeWebgpu.ts); with no adapter it
 * fails with the reason, unless a fallback is named: `webgpu,wasm`.
 */
import { useBackend } from '../../src/engine/backend/backends';
import * as tf from '../../src/engine/tf';
import { parseBackendOption } from './backendOption';
import { describeNodeWebgpu, installNodeWebgpu } from './nodeWebgpu';

export async function startNodeBackend(option = 'auto'): Promise<string> {
  const order = parseBackendOption(option);
  const failures: string[] = [];
  for (const name of order) {
    try {
      if (name === 'webgpu') {
        const gpu = await installNodeWebgpu();
        if (!gpu.ok) throw new Error(describeNodeWebgpu(gpu));
        process.stderr.write(`${describeNodeWebgpu(gpu)}\n`);
      }
      await useBackend(name);
      return tf.getBackend();
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      failures.push(`${name}: ${why}`);
      if (order.length > 1) process.stderr.write(`backend ${name} could not start (${why})\n`);
    }
  }
  throw new Error(`no backend could start: ${failures.join('; ')}`);
}
