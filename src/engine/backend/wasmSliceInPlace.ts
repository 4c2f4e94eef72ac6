/**
 * tfjs-wasm's Slice (and SplitV, which slices once per part) first copies
 * the whole input out of the wasm heap, then copies the part it wants: cutting
 * the 105k-element parameter vector into its 30 tensors copied 12 MB and took
 * ~10 ms a step. These kernels read the input in place instead. Same values,
 * bit for bit (wasmPatches.test.ts checks them against the original kernels).
 */
import * as tf from '../tf';

interface WasmBackendLike {
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  typedArrayFromHeap(info: tf.TensorInfo): tf.TypedArray;
}

/** The elements of x in [begin, begin + size), copied row by row from the heap. */
function sliceInPlace(backend: WasmBackendLike, x: tf.TensorInfo, begin: number[], size: number[]): tf.TensorInfo {
  // Allocate first: growing the heap would detach any view taken before.
  const out = backend.makeOutput(size, x.dtype);
  const count = tf.util.sizeFromShape(size);
  if (count === 0) return out;
  const from = backend.typedArrayFromHeap(x);
  const to = backend.typedArrayFromHeap(out);
  const rank = x.shape.length;
  const strides = tf.util.computeStrides(x.shape);
  const inner = rank === 0 ? 1 : size[rank - 1];
  const index = new Array<number>(Math.max(rank - 1, 0)).fill(0);
  for (let written = 0; written < count; written += inner) {
    let offset = rank === 0 ? 0 : begin[rank - 1];
    for (let d = 0; d < rank - 1; d++) offset += (begin[d] + index[d]) * strides[d];
    to.set(from.subarray(offset, offset + inner), written);
    for (let d = rank - 2; d >= 0 && ++index[d] === size[d]; d--) index[d] = 0;
  }
  return out;
}

let installed = false;

/** Replaces the wasm backend's Slice and SplitV kernels (numeric dtypes; strings keep the originals). */
export function installWasmSliceInPlace(): void {
  if (installed) return;
  const slice = tf.getKernel('Slice', 'wasm');
  const splitV = tf.getKernel('SplitV', 'wasm');
  if (!slice || !splitV) return;
  tf.unregisterKernel('Slice', 'wasm');
  tf.registerKernel({
    kernelName: 'Slice',
    backendName: 'wasm',
    kernelFunc: (args) => {
      const x = args.inputs.x as tf.TensorInfo;
      if (x.dtype === 'string') return slice.kernelFunc(args);
      const [begin, size] = tf.slice_util.parseSliceParams(x, args.attrs!.begin as number[], args.attrs!.size as number[]);
      return sliceInPlace(args.backend as unknown as WasmBackendLike, x, begin, size);
    },
  });
  tf.unregisterKernel('SplitV', 'wasm');
  tf.registerKernel({
    kernelName: 'SplitV',
    backendName: 'wasm',
    kernelFunc: (args) => {
      const x = args.inputs.x as tf.TensorInfo;
      if (x.dtype === 'string') return splitV.kernelFunc(args);
      const axis = tf.util.parseAxisParam(args.attrs!.axis as number, x.shape)[0];
      const sizes = tf.backend_util.prepareSplitSize(x as tf.Tensor, args.attrs!.numOrSizeSplits as number[] | number, axis);
      const begin = new Array<number>(x.shape.length).fill(0);
      return sizes.map((s) => {
        const size = [...x.shape];
        size[axis] = s;
        const part = sliceInPlace(args.backend as unknown as WasmBackendLike, x, [...begin], size);
        begin[axis] += s;
        return part;
      });
    },
  });
  installed = true;
}
