/**
 * A WebAssembly SIMD BatchMatMul for the wasm backend.
 *
 * tfjs-wasm hands a product to XNNPACK only when it is a single matrix
 * product without transpose flags; batched products (the attention's q·kᵀ,
 * P·v and their gradients) and flagged ones run a scalar C loop instead.
 * kernels/batchMatMul.wat computes them with 128-bit vectors, reading and
 * writing the tensors in place in tfjs-wasm's own memory, which the module
 * imports. The original kernel keeps the products this one leaves (see
 * `plan`); wasmBatchMatMul.test.ts checks both against the cpu kernels.
 *
 * Installed only where WebAssembly SIMD validates; used only on a non-shared
 * memory (a threaded tfjs-wasm build shares its memory between workers: the
 * original kernel keeps those).
 */
import * as tf from '../tf';
import { BATCH_MAT_MUL_WASM_BASE64 } from './kernels/batchMatMulWasm';
import { replaceKernel } from './replaceKernel';

// The engine is type-checked without the DOM library, which is where
// TypeScript declares WebAssembly: the few members used here, declared locally.
interface WasmMemoryLike {
  readonly buffer: ArrayBufferLike;
}
interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: Record<string, Record<string, unknown>>) => { exports: Record<string, unknown> };
  Memory: abstract new (...args: never[]) => WasmMemoryLike;
}

/** The module's export: C = op(A)·op(B) for each batch index, operands described by byte strides (see batchMatMul.wat). */
type MM = (
  ...args: [a: number, b: number, c: number, batch: number, M: number, N: number, K: number, sAi: number, sAk: number, sBk: number, sBj: number, bsA: number, bsB: number, pack: number]
) => void;

interface Kernel {
  mm: MM;
  /** The kernel's scratch buffer in the heap, allocated once per backend. */
  pack: number;
}

/** The parts of tfjs-wasm's BackendWasm used here. */
interface WasmBackendLike {
  /** The Emscripten module: its exports (asm) include the memory. */
  wasm: { asm?: { memory?: unknown }; wasmMemory?: unknown; _malloc(bytes: number): number };
  dataIdMap: { get(dataId: object): { memoryOffset: number } | undefined };
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** The bytes of a base64 string (no atob: it is not in the engine's libraries). */
function decodeBase64(text: string): Uint8Array<ArrayBuffer> {
  const clean = text.replace(/=+$/, '');
  const bytes = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let bits = 0;
  let value = 0;
  let n = 0;
  for (const ch of clean) {
    const digit = BASE64.indexOf(ch);
    if (digit < 0) throw new Error(`not base64: ${JSON.stringify(ch)}`);
    value = ((value << 6) | digit) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes[n++] = (value >> bits) & 0xff;
    }
  }
  return bytes;
}

/** The kernel module's bytes. */
export const batchMatMulWasmBytes = (): Uint8Array<ArrayBuffer> => decodeBase64(BATCH_MAT_MUL_WASM_BASE64);

const wasmApi = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;

let compiled: object | null = null;
/** Each backend's instance (null where it cannot have one), made on its first product. */
const instances = new WeakMap<object, Kernel | null>();

/** The backend's heap when it is a plain (non-shared) WebAssembly.Memory. */
function heapMemory(backend: WasmBackendLike): WasmMemoryLike | null {
  const memory = backend.wasm?.asm?.memory ?? backend.wasm?.wasmMemory;
  if (!wasmApi || !(memory instanceof wasmApi.Memory)) return null;
  if (typeof SharedArrayBuffer !== 'undefined' && memory.buffer instanceof SharedArrayBuffer) return null;
  return memory;
}

function kernelFor(backend: WasmBackendLike): Kernel | null {
  let kernel = instances.get(backend);
  if (kernel !== undefined) return kernel;
  kernel = null;
  const memory = heapMemory(backend);
  if (memory && compiled && wasmApi) {
    try {
      // Synchronous instantiation: the module is under 4 KB, which a page's main thread allows too.
      const { exports } = new wasmApi.Instance(compiled, { env: { memory } });
      const packBytes = (exports.packBytes as { value: number }).value;
      kernel = { mm: exports.mm as MM, pack: backend.wasm._malloc(packBytes) >>> 0 };
    } catch {
      kernel = null;
    }
  }
  instances.set(backend, kernel);
  return kernel;
}

/** A product the SIMD kernel takes: its dimensions. */
interface Plan {
  outShape: number[];
  batch: number;
  M: number;
  N: number;
  K: number;
  /** Whether each operand is one matrix repeated over the batch (batch 1 against n). */
  broadcastA: boolean;
  broadcastB: boolean;
}

type Shaped = Pick<tf.TensorInfo, 'shape' | 'dtype'>;

/**
 * The products that go to the SIMD kernel: float32, any transpose flags,
 * batch sizes equal or one of them 1, and N >= 8 (the kernel's column strip).
 * That includes single 2-D products without flags, which tfjs-wasm gives to
 * XNNPACK: the kernel is 1.1–1.5× faster on them in isolation and about twice
 * as fast in the training step (tfjs-wasm repacks B for XNNPACK whenever B is
 * a new tensor, which in training is every call), except on a row or three
 * (a matrix-vector product: its 4-row blocks would mostly recompute the same
 * row), which XNNPACK keeps.
 */
function plan(a: Shaped, b: Shaped, transposeA: boolean, transposeB: boolean): Plan | null {
  if (a.dtype !== 'float32' || b.dtype !== 'float32') return null;
  const ra = a.shape.length;
  const rb = b.shape.length;
  if (ra < 2 || rb < 2) return null;
  const M = transposeA ? a.shape[ra - 1] : a.shape[ra - 2];
  const K = transposeA ? a.shape[ra - 2] : a.shape[ra - 1];
  const Kb = transposeB ? b.shape[rb - 1] : b.shape[rb - 2];
  const N = transposeB ? b.shape[rb - 2] : b.shape[rb - 1];
  if (K !== Kb || N < 8 || M < 1) return null;
  const outerA = a.shape.slice(0, -2);
  const outerB = b.shape.slice(0, -2);
  const batchA = tf.util.sizeFromShape(outerA);
  const batchB = tf.util.sizeFromShape(outerB);
  const outer = tf.broadcast_util.assertAndGetBroadcastShape(outerA, outerB);
  const batch = tf.util.sizeFromShape(outer);
  if (batch === 0) return null;
  // Broadcasting that repeats a whole operand; other patterns ([2, 1] against [1, 3]) stay with tfjs-wasm.
  if ((batchA !== batch && batchA !== 1) || (batchB !== batch && batchB !== 1)) return null;
  if (batch === 1 && !transposeA && !transposeB && M < 4) return null;
  return { outShape: [...outer, M, N], batch, M, N, K, broadcastA: batchA !== batch, broadcastB: batchB !== batch };
}

/** Whether the SIMD kernel takes a float32 product of these shapes and flags (the rest go to tfjs-wasm's). */
export function simdTakes(aShape: number[], bShape: number[], transposeA = false, transposeB = false): boolean {
  return plan({ shape: aShape, dtype: 'float32' }, { shape: bShape, dtype: 'float32' }, transposeA, transposeB) !== null;
}

let installed = false;

/** Whether the SIMD kernel runs on this wasm backend (installed, and instantiated on its memory). */
export function simdBatchMatMulRunsOn(backend: object): boolean {
  return installed && kernelFor(backend as WasmBackendLike) !== null;
}

/** Whether the active backend's BatchMatMul runs the SIMD kernel. */
export function simdBatchMatMulActive(): boolean {
  return tf.getBackend() === 'wasm' && simdBatchMatMulRunsOn(tf.backend());
}

/**
 * Replaces the wasm backend's BatchMatMul by one that sends the products
 * `plan` takes to the SIMD kernel and the rest to the original. Does nothing
 * where WebAssembly SIMD is missing. Call once the wasm backend's kernels are
 * registered (importing the backend does that); the module is instantiated
 * on each backend's first product.
 */
export function installWasmBatchMatMul(): void {
  if (installed || !wasmApi) return;
  const original = tf.getKernel('BatchMatMul', 'wasm');
  if (!original) return;
  const bytes = batchMatMulWasmBytes();
  if (!wasmApi.validate(bytes)) return; // no SIMD here
  try {
    compiled = new wasmApi.Module(bytes);
  } catch {
    return;
  }
  replaceKernel('BatchMatMul', 'wasm', () => (args) => {
      const backend = args.backend as unknown as WasmBackendLike;
      const { a, b } = args.inputs as { a: tf.TensorInfo; b: tf.TensorInfo };
      const transposeA = Boolean(args.attrs?.transposeA);
      const transposeB = Boolean(args.attrs?.transposeB);
      const p = plan(a, b, transposeA, transposeB);
      const kernel = p && kernelFor(backend);
      if (!p || !kernel) return original.kernelFunc(args);
      // Allocate first; pointers are offsets, which heap growth leaves valid.
      const out = backend.makeOutput(p.outShape, 'float32');
      const pa = backend.dataIdMap.get(a.dataId)!.memoryOffset;
      const pb = backend.dataIdMap.get(b.dataId)!.memoryOffset;
      const pc = backend.dataIdMap.get(out.dataId)!.memoryOffset;
      const { batch, M, N, K } = p;
      // Byte strides of A(i, k) and B(k, j) (see batchMatMul.wat).
      const [sAi, sAk] = transposeA ? [4, 4 * M] : [4 * K, 4];
      const [sBk, sBj] = transposeB ? [4, 4 * K] : [4 * N, 4];
      const bsA = p.broadcastA ? 0 : 4 * M * K;
      const bsB = p.broadcastB ? 0 : 4 * K * N;
      kernel.mm(pa, pb, pc, batch, M, N, K, sAi, sAk, sBk, sBj, bsA, bsB, kernel.pack);
      return out;
  });
  installed = true;
}
