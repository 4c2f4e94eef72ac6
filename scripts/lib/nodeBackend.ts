/** Starts tfjs in Node on the wasm backend, or cpu when wasm cannot start. */
import { useBackend, type BackendName } from '../../src/engine/backend/backends';
import * as tf from '../../src/engine/tf';

export async function startNodeBackend(preferred: BackendName | 'auto' = 'auto'): Promise<string> {
  const order: BackendName[] = preferred === 'auto' ? ['wasm', 'cpu'] : [preferred];
  let lastError: unknown;
  for (const name of order) {
    try {
      await useBackend(name);
      return tf.getBackend();
    } catch (err) {
      lastError = err;
      process.stderr.write(`backend ${name} failed: ${err instanceof Error ? err.message : err}\n`);
    }
  }
  throw lastError instanceof Error ? lastError : new Error('no backend could start');
}
