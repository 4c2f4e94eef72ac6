/**
 * The tfjs backends the lab can run on, loaded only when chosen so a page
 * pays for the backend it uses and no other.
 */
import * as tf from '../tf';
import { installWasmBatchMatMul } from './wasmBatchMatMul';
import { installWasmIdentityShare } from './wasmIdentityShare';
import { installWasmSliceInPlace } from './wasmSliceInPlace';
import { installWebgpuAddNChunked } from './webgpuAddNChunked';

import type { BackendName } from './names';

export { BACKENDS, type BackendName } from './names';

export interface BackendOptions {
  /** Where the wasm binaries are served (the page passes Vite's asset URLs). */
  wasmPaths?: Record<string, string>;
}

async function register(name: BackendName, options: BackendOptions): Promise<void> {
  switch (name) {
    case 'cpu':
      await import('@tensorflow/tfjs-backend-cpu');
      return;
    case 'wasm': {
      const wasm = await import('@tensorflow/tfjs-backend-wasm');
      // Threads gave no speed-up on 2 cores and break under cross-origin isolation.
      tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
      if (options.wasmPaths) wasm.setWasmPaths(options.wasmPaths);
      installWasmIdentityShare();
      installWasmSliceInPlace();
      installWasmBatchMatMul();
      return;
    }
    case 'webgl':
      await import('@tensorflow/tfjs-backend-webgl');
      return;
    case 'webgpu':
      await import('@tensorflow/tfjs-backend-webgpu');
      installWebgpuAddNChunked();
      return;
  }
}

/** Loads and activates a backend; throws with a readable message when it cannot start. */
export async function useBackend(name: BackendName, options: BackendOptions = {}): Promise<void> {
  await register(name, options);
  const ok = await tf.setBackend(name);
  if (!ok) throw new Error(`the ${name} backend could not start here`);
  await tf.ready();
}
