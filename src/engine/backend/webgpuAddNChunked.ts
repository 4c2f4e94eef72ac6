/**
 * tfjs-webgpu's AddN binds every input to one shader. Past the device's
 * storage-buffer limit (8 per stage by default, one of them the output) the
 * pipeline is invalid and the sum reads whatever its buffer held: 0 for 38
 * inputs on an H100 and in Chrome. This kernel sums in groups that fit and
 * then sums the groups; below the limit it is the original kernel.
 * (tfjs-webgpu's Concat already splits this way; AddN never did.)
 */
import * as tf from '../tf';
import { replaceKernel } from './replaceKernel';

interface WebgpuBackendLike {
  device: { limits: { maxStorageBuffersPerShaderStage: number } };
  disposeData(dataId: object): void;
}

let installed = false;

export function installWebgpuAddNChunked(): void {
  if (installed) return;
  installed = replaceKernel('AddN', 'webgpu', (original) => (args) => {
    const backend = args.backend as unknown as WebgpuBackendLike;
    const limit = Math.max(2, backend.device.limits.maxStorageBuffersPerShaderStage - 1);
    const sum = (inputs: tf.TensorInfo[]): tf.TensorInfo => {
      if (inputs.length <= limit) return original.kernelFunc({ ...args, inputs: inputs as unknown as tf.NamedTensorInfoMap }) as tf.TensorInfo;
      const partial: tf.TensorInfo[] = [];
      for (let i = 0; i < inputs.length; i += limit) partial.push(sum(inputs.slice(i, i + limit)));
      const out = sum(partial);
      for (const p of partial) backend.disposeData(p.dataId);
      return out;
    };
    return sum(args.inputs as unknown as tf.TensorInfo[]);
  });
}
