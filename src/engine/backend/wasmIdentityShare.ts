import * as tf from '../tf';
import { replaceKernel } from './replaceKernel';

/**
 * tfjs clones every tensor it saves for the backward pass, and clone runs the
 * Identity kernel. The wasm backend's Identity copies the data; the cpu and
 * webgl backends share it (reference-counted). Sharing is safe because no
 * kernel writes into its inputs. On the lab's training step this removes
 * about a hundred copies of the autodiff path. wasmPatches.test.ts checks it
 * against the original kernel.
 */
let identityShared = false;
export function installWasmIdentityShare(): void {
  if (identityShared) return;
  identityShared = replaceKernel('Identity', 'wasm', (original) => (args) => {
    const x = args.inputs.x as tf.TensorInfo;
    if (x.dtype === 'string') return original.kernelFunc(args);
    (args.backend as tf.KernelBackend).incRef(x.dataId);
    return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
  });
}
