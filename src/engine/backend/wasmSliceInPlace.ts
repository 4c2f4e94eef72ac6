/**
 * tfjs-wasm's Slice (and SplitV, which slices once per part) first copies
 * the whole input out of the wasm heap, then copies the part it wants: cutting
 * the 105k-element parameter vector into its 30 tensors copied 12 MB and took
 * ~10 ms a step. These kernels read the input in place instead. Same values,
 * bit for bit (wasmPatches.test.ts checks them against the original kernels).
 */
import * as tf from '../tf';
import { replaceKernel } from './replaceKernel';

interface WasmBackendLike {
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  typedArrayFromHeap(info: tf.TensorInfo): tf.TypedArray;
}

/**
 * The elements of x in [begin, begin + size), copied from the heap in the
 * longest contiguous runs the slice has: the innermost axes it takes whole,
 * times its extent along the next one (splitting [B, 3H, T, d] along axis 1
 * copies B runs of H·T·d, not B·H·T runs of d).
 */
function sliceInPlace(backend: WasmBackendLike, x: tf.TensorInfo, begin: number[], size: number[]): tf.TensorInfo {
  // Allocate first: growing the heap would detach any view taken before.
  const out = backend.makeOutput(size, x.dtype);
  const count = tf.util.sizeFromShape(size);
  if (count === 0) return out;
  const from = backend.typedArrayFromHeap(x);
  const to = backend.typedArrayFromHeap(out);
  const rank = x.shape.length;
  const strides = [...tf.util.computeStrides(x.shape), 1];
  let axis = rank - 1;
  let run = 1;
  while (axis >= 0 && begin[axis] === 0 && size[axis] === x.shape[axis]) run *= size[axis--];
  if (axis < 0) {
    to.set(from.subarray(0, count));
    return out;
  }
  run *= size[axis];
  const start = begin[axis] * strides[axis];
  const index = new Array<number>(axis).fill(0);
  for (let written = 0; written < count; written += run) {
    let offset = start;
    for (let d = 0; d < axis; d++) offset += (begin[d] + index[d]) * strides[d];
    to.set(from.subarray(offset, offset + run), written);
    for (let d = axis - 1; d >= 0 && ++index[d] === size[d]; d--) index[d] = 0;
  }
  return out;
}

let installed = false;

/** Replaces the wasm backend's Slice and SplitV kernels (numeric dtypes; strings keep the originals). */
export function installWasmSliceInPlace(): void {
  if (installed) return;
  if (!tf.getKernel('Slice', 'wasm') || !tf.getKernel('SplitV', 'wasm')) return;
  replaceKernel('Slice', 'wasm', (slice) => (args) => {
    const x = args.inputs.x as tf.TensorInfo;
    if (x.dtype === 'string') return slice.kernelFunc(args);
    const [begin, size] = tf.slice_util.parseSliceParams(x, args.attrs!.begin as number[], args.attrs!.size as number[]);
    return sliceInPlace(args.backend as unknown as WasmBackendLike, x, begin, size);
  });
  replaceKernel('SplitV', 'wasm', (splitV) => (args) => {
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
  });
  installed = true;
}
