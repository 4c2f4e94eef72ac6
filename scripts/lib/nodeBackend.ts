/**
 * Starts tfjs in Node. `auto` is wasm, then cpu when wasm cannot start.
 * `webgpu` runs through Dawn for Node (nodeWebgpu.ts); with no adapter it
 * fails with the reason, unless a fallback is named: `webgpu,wasm`.
 */
import { BACKENDS, useBackend, type BackendName } from '../../src/engine/backend/backends';
import * as tf from '../../src/engine/tf';
import { describeNodeWebgpu, installNodeWebgpu } from './nodeWebgpu';

/** 'auto', one backend, or an ordered list ('webgpu,wasm') to fall back through. */
export function parseBackendOption(option: string): BackendName[] {
  if (option === 'auto') return ['wasm', 'cpu'];
  const names = option.split(',').map((s) => s.trim());
  for (const name of names) {
    if (!(BACKENDS as readonly string[]).includes(name)) throw new Error(`--backend takes auto, or one or more of ${BACKENDS.join(', ')} separated by commas, not '${name}'`);
  }
  return names as BackendName[];
}

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
