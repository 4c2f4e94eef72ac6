import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { assembleBatchMatMul, generatedSource, GENERATED_PATH } from '../../../scripts/build-wasm-kernels';
import { Rng } from '../data/rng';
import * as tf from '../tf';
import { useBackend } from './backends';
import { BATCH_MAT_MUL_WASM_BASE64 } from './kernels/batchMatMulWasm';
import { batchMatMulWasmBytes, simdBatchMatMulActive, simdBatchMatMulRunsOn, simdTakes } from './wasmBatchMatMul';

afterAll(async () => {
  await useBackend('cpu');
});

describe('the SIMD BatchMatMul module', () => {
  it('is the assembled batchMatMul.wat, byte for byte (run `npm run build:kernels` after editing it)', async () => {
    const bytes = await assembleBatchMatMul();
    expect(Array.from(batchMatMulWasmBytes())).toEqual(Array.from(bytes));
    expect(readFileSync(GENERATED_PATH, 'utf8')).toBe(generatedSource(bytes));
    expect(Buffer.from(BATCH_MAT_MUL_WASM_BASE64, 'base64').equals(Buffer.from(bytes))).toBe(true);
    // Chrome compiles modules over 4 KB synchronously only off the main thread.
    expect(bytes.length).toBeLessThan(4096);
  });

  it('validates here (Node has WebAssembly SIMD) and runs on the wasm backend', async () => {
    expect(WebAssembly.validate(batchMatMulWasmBytes())).toBe(true);
    await useBackend('wasm');
    expect(simdBatchMatMulActive()).toBe(true);
  });

  it('stays off a shared memory (threaded tfjs-wasm) and off a backend without one', async () => {
    await useBackend('wasm'); // installs
    const malloc = () => 1024;
    const plain = new WebAssembly.Memory({ initial: 1 });
    const shared = new WebAssembly.Memory({ initial: 1, maximum: 1, shared: true });
    expect(simdBatchMatMulRunsOn({ wasm: { asm: { memory: plain }, _malloc: malloc } })).toBe(true);
    expect(simdBatchMatMulRunsOn({ wasm: { wasmMemory: plain, _malloc: malloc } })).toBe(true);
    expect(simdBatchMatMulRunsOn({ wasm: { asm: { memory: shared }, _malloc: malloc } })).toBe(false);
    expect(simdBatchMatMulRunsOn({ wasm: { wasmMemory: shared, _malloc: malloc } })).toBe(false);
    expect(simdBatchMatMulRunsOn({ wasm: { _malloc: malloc } })).toBe(false);
  });
});

interface Case {
  a: number[];
  b: number[];
  transposeA: boolean;
  transposeB: boolean;
}

const describeCase = (c: Case) => `${JSON.stringify(c.a)}${c.transposeA ? 'ᵀ' : ''} · ${JSON.stringify(c.b)}${c.transposeB ? 'ᵀ' : ''}`;

/** The case's shapes for a product of op(A) (M×K) and op(B) (K×N) with these batch dimensions. */
function shapes(M: number, N: number, K: number, outerA: number[], outerB: number[], transposeA: boolean, transposeB: boolean): Case {
  return {
    a: [...outerA, ...(transposeA ? [K, M] : [M, K])],
    b: [...outerB, ...(transposeB ? [N, K] : [K, N])],
    transposeA,
    transposeB,
  };
}

function randomCases(count: number, seed: number): Case[] {
  const rng = new Rng(seed);
  const dim = () => (rng.next() < 0.15 ? 1 : rng.int(1, 37));
  const cases: Case[] = [];
  for (let n = 0; n < count; n++) {
    const batch = rng.next() < 0.25 ? 1 : rng.int(2, 5);
    const outer = rng.next() < 0.2 ? [] : rng.next() < 0.2 ? [2, batch] : [batch];
    const broadcast = rng.next();
    const outerA = broadcast < 0.15 ? outer.map(() => 1) : outer;
    const outerB = broadcast > 0.85 ? outer.map(() => 1) : outer;
    const transposeA = rng.next() < 0.5;
    const transposeB = rng.next() < 0.5;
    cases.push(shapes(dim(), rng.int(1, 40), dim(), outerA, outerB, transposeA, transposeB));
  }
  return cases;
}

const fixed: Case[] = [
  // The model's attention products (B·H = 128 heads, T = 20, head size 16), forward and backward.
  shapes(20, 20, 16, [128], [128], false, true), // q·kᵀ, dOut·vᵀ
  shapes(20, 16, 20, [128], [128], false, false), // P·v, dScores·k
  shapes(20, 16, 20, [128], [128], true, false), // Pᵀ·dOut, dScoresᵀ·q
  shapes(18, 18, 16, [128], [128], false, true),
  shapes(18, 16, 18, [128], [128], true, false),
  shapes(64, 64, 16, [8], [8], false, true),
  shapes(64, 16, 64, [8], [8], false, false),
  // Every remainder: rows mod 4, columns mod 8 and 4, k mod 4.
  ...[1, 2, 3, 4, 5, 6, 7, 8, 9].flatMap((m) =>
    [4, 5, 7, 8, 9, 11, 12, 13, 16, 17].flatMap((n) =>
      [1, 2, 3, 4, 5, 7].flatMap((k) => [
        shapes(m, n, k, [3], [3], false, false),
        shapes(m, n, k, [2], [2], true, false),
        shapes(m, n, k, [2], [2], false, true),
        shapes(m, n, k, [2], [2], true, true),
      ]),
    ),
  ),
  // 2-D, and k and row chunks (128 each) with their remainders.
  shapes(37, 29, 150, [], [], false, true),
  shapes(37, 29, 150, [], [], true, false),
  shapes(37, 29, 150, [], [], true, true),
  shapes(64, 40, 96, [], [], false, false),
  shapes(131, 13, 300, [], [], false, false),
  shapes(259, 21, 257, [2], [2], true, false),
  shapes(130, 9, 129, [], [], false, true),
  // Broadcast batch, rank 4, and batch dimensions that the kernel leaves alone.
  shapes(6, 9, 5, [1], [4], false, false),
  shapes(6, 9, 5, [4], [1], true, false),
  shapes(6, 9, 5, [4], [1], false, true),
  shapes(6, 9, 5, [2, 3], [2, 3], false, true),
  shapes(6, 9, 5, [2, 1], [1, 3], false, false),
  shapes(6, 9, 5, [3], [3], true, true),
  shapes(6, 9, 5, [2, 3], [1, 1], true, true),
  // Empty inner dimension: zeros.
  shapes(5, 9, 0, [2], [2], false, false),
  shapes(5, 9, 0, [2], [2], false, true),
];

function values(shape: number[], rng: Rng): Float32Array {
  return Float32Array.from({ length: tf.util.sizeFromShape(shape) }, () => rng.normal());
}

/** The products on cpu, and each element's Σ|a||b| (the scale of its rounding error). */
async function reference(cases: Case[], data: Array<[Float32Array, Float32Array]>): Promise<Array<[Float32Array, Float32Array]>> {
  await useBackend('cpu');
  return cases.map((c, n) =>
    tf.tidy(() => {
      const a = tf.tensor(data[n][0], c.a);
      const b = tf.tensor(data[n][1], c.b);
      return [
        tf.matMul(a, b, c.transposeA, c.transposeB).dataSync() as Float32Array,
        tf.matMul(tf.abs(a), tf.abs(b), c.transposeA, c.transposeB).dataSync() as Float32Array,
      ];
    }),
  );
}

async function check(cases: Case[], seed: number): Promise<void> {
  const rng = new Rng(seed);
  const data = cases.map((c) => [values(c.a, rng), values(c.b, rng)] as [Float32Array, Float32Array]);
  const expected = await reference(cases, data);
  await useBackend('wasm');
  expect(simdBatchMatMulActive()).toBe(true);
  cases.forEach((c, n) => {
    const got = tf.tidy(() => tf.matMul(tf.tensor(data[n][0], c.a), tf.tensor(data[n][1], c.b), c.transposeA, c.transposeB).dataSync());
    const [want, scale] = expected[n];
    expect(got.length, describeCase(c)).toBe(want.length);
    for (let i = 0; i < want.length; i++) {
      const error = Math.abs(got[i] - want[i]);
      if (!(error <= 1e-5 * scale[i])) {
        throw new Error(`${describeCase(c)}: element ${i} is ${got[i]}, the cpu backend's ${want[i]} (Σ|a||b| ${scale[i]})`);
      }
    }
  });
}

describe('the SIMD BatchMatMul kernel', () => {
  it('takes float32 products with N >= 8 and whole-operand batch broadcasting, and leaves the rest to tfjs-wasm', () => {
    expect(simdTakes([128, 20, 16], [128, 20, 16], false, true)).toBe(true);
    expect(simdTakes([128, 20, 20], [128, 20, 16], false, false)).toBe(true);
    expect(simdTakes([128, 20, 20], [128, 20, 16], true, false)).toBe(true);
    expect(simdTakes([4, 16, 20], [4, 16, 16], true, true)).toBe(true);
    expect(simdTakes([1, 20, 20], [128, 20, 16])).toBe(true);
    expect(simdTakes([2, 3, 20, 20], [1, 1, 20, 16])).toBe(true);
    expect(simdTakes([576, 256], [64, 256], false, true)).toBe(true);
    expect(simdTakes([576, 64], [576, 256], true, false)).toBe(true);
    expect(simdTakes([576, 64], [64, 192])).toBe(true);
    expect(simdTakes([3, 2048], [2048, 64])).toBe(false); // matrix-vector: XNNPACK
    expect(simdTakes([3, 2048], [64, 2048], false, true)).toBe(true);
    expect(simdTakes([2, 1, 2048], [2, 2048, 64])).toBe(true);
    expect(simdTakes([4, 20, 16], [4, 16, 7])).toBe(false); // N < 8
    expect(simdTakes([4, 20, 16], [4, 7, 16], false, true)).toBe(false); // N < 8
    expect(simdTakes([2, 1, 6, 5], [1, 3, 5, 9])).toBe(false); // both operands broadcast
    expect(simdTakes([0, 6, 5], [0, 5, 9])).toBe(false); // empty batch
  });

  it('gives the cpu values at the model shapes, at every remainder, with broadcasting and flags', async () => {
    await check(fixed, 1);
  });

  it('gives the cpu values for 300 random shapes', async () => {
    await check(randomCases(300, 7), 2);
  });

  it('rounds exactly as a plain float32 loop over k in order (no fused multiply-add, k chunks resumed in order)', async () => {
    await useBackend('wasm');
    const rng = new Rng(4);
    for (const c of [shapes(20, 16, 20, [4], [4], false, false), shapes(19, 21, 16, [3], [3], false, true), shapes(9, 13, 300, [], [], true, false), shapes(5, 11, 131, [2], [2], true, true)]) {
      const a = values(c.a, rng);
      const b = values(c.b, rng);
      const got = tf.tidy(() => tf.matMul(tf.tensor(a, c.a), tf.tensor(b, c.b), c.transposeA, c.transposeB).dataSync());
      const [M, K] = c.transposeA ? [c.a.at(-1)!, c.a.at(-2)!] : [c.a.at(-2)!, c.a.at(-1)!];
      const N = c.transposeB ? c.b.at(-2)! : c.b.at(-1)!;
      const batch = got.length / (M * N);
      const want = new Float32Array(got.length);
      for (let n = 0; n < batch; n++)
        for (let i = 0; i < M; i++)
          for (let j = 0; j < N; j++) {
            let sum = 0;
            for (let k = 0; k < K; k++) {
              const x = a[n * M * K + (c.transposeA ? k * M + i : i * K + k)];
              const y = b[n * K * N + (c.transposeB ? j * K + k : k * N + j)];
              sum = Math.fround(sum + Math.fround(x * y));
            }
            want[n * M * N + i * N + j] = sum;
          }
      expect(Array.from(got), describeCase(c)).toEqual(Array.from(want));
    }
  });

  it('leaves the operands untouched and writes only its output (neighbouring tensors intact)', async () => {
    await useBackend('wasm');
    const rng = new Rng(3);
    const c = shapes(7, 13, 6, [3], [3], false, true);
    const before = tf.tensor(values([64], rng));
    const a = tf.tensor(values(c.a, rng), c.a);
    const b = tf.tensor(values(c.b, rng), c.b);
    const after = tf.tensor(values([64], rng));
    const snapshot = [before, a, b, after].map((t) => Array.from(t.dataSync()));
    tf.matMul(a, b, false, true).dispose();
    expect([before, a, b, after].map((t) => Array.from(t.dataSync()))).toEqual(snapshot);
    tf.dispose([before, a, b, after]);
  });
});
