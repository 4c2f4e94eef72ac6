import * as tf from '../tf';

/**
 * Swaps a backend's registered kernel for `make(original)`, which may call the
 * original (for dtypes or sizes it does not handle itself). Returns false, and
 * changes nothing, when the backend has no such kernel (its package is not
 * loaded). The lab's kernel patches (wasm Identity, Slice, SplitV, BatchMatMul;
 * webgpu AddN) all go through here.
 */
export function replaceKernel(kernelName: string, backendName: string, make: (original: tf.KernelConfig) => tf.KernelFunc): boolean {
  const original = tf.getKernel(kernelName, backendName);
  if (!original) return false;
  tf.unregisterKernel(kernelName, backendName);
  // The original's setup binds its C function at each setBackend (wasm); the new kernel may fall back to it.
  tf.registerKernel({ kernelName, backendName, setupFunc: original.setupFunc, disposeFunc: original.disposeFunc, kernelFunc: make(original) });
  return true;
}
