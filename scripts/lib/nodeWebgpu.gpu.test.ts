/**
 * tfjs's WebGPU backend in Node, through Dawn for Node (scripts/lib/nodeWebgpu.ts):
 * on a machine with no GPU it runs on SwiftShader, a CPU Vulkan driver.
 *
 * These tests fail, not skip, when WebGPU cannot start: a silently skipped test
 * would let the webgpu path rot while the suite stays green (a missing
 * libvulkan/SwiftShader, an npm install --omit=optional, a glibc too old for
 * Dawn's binary all look alike from here). Where WebGPU is known to be absent
 * on purpose, set LAB_SKIP_WEBGPU=1 to skip them.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useBackend } from '../../src/engine/backend/backends';
import * as tf from '../../src/engine/tf';
import { describeNodeWebgpu, installNodeWebgpu, type NodeWebgpuInfo } from './nodeWebgpu';

const skip = process.env.LAB_SKIP_WEBGPU === '1';

/** Deterministic values in [-1, 1). */
function values(n: number, seed: number): Float32Array {
  const out = new Float32Array(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s / 2 ** 31 - 1;
  }
  return out;
}

describe.skipIf(skip)('WebGPU in Node (Dawn)', () => {
  let info: NodeWebgpuInfo;
  const validationErrors: string[] = [];

  beforeAll(async () => {
    info = await installNodeWebgpu();
    if (!info.ok) throw new Error(`${describeNodeWebgpu(info)} (set LAB_SKIP_WEBGPU=1 to skip these tests)`);
    await useBackend('webgpu');
    const device = (tf.backend() as unknown as { device: GPUDevice }).device;
    // Invalid pipelines do not throw: they only raise this event (and read back stale data).
    // preventDefault also stops Dawn for Node from printing each one on stdout.
    device.addEventListener('uncapturederror', (event) => {
      event.preventDefault();
      validationErrors.push((event as GPUUncapturedErrorEvent).error.message);
    });
  });

  it('reports its adapter', () => {
    expect(info.ok).toBe(true);
    if (!info.ok) return;
    expect(tf.getBackend()).toBe('webgpu');
    // tfjs-core still sees Node, not a browser.
    expect(tf.env().getBool('IS_NODE')).toBe(true);
    expect(tf.env().getBool('IS_BROWSER')).toBe(false);
    expect(info.adapter.vendor.length + info.adapter.description.length).toBeGreaterThan(0);
  });

  it('computes a matMul and a softmax as the cpu backend does (1e-5)', async () => {
    const a = values(37 * 53, 1);
    const b = values(53 * 29, 2);
    // Big enough (> WEBGPU_CPU_HANDOFF_SIZE_THRESHOLD, 1000 elements) that tfjs runs it on the GPU.
    const compute = async () => {
      const [product, probs] = tf.tidy(() => {
        const p = tf.matMul(tf.tensor2d(a, [37, 53]), tf.tensor2d(b, [53, 29]));
        return [p, tf.softmax(tf.add(p, 0.5))];
      });
      const out = [await product.data(), await probs.data()];
      tf.dispose([product, probs]);
      return out;
    };
    const gpu = await compute();
    await useBackend('cpu');
    const cpu = await compute();
    await useBackend('webgpu');

    for (const [i, g] of gpu.entries()) {
      expect(g.length).toBe(37 * 29);
      let maxDiff = 0;
      for (let j = 0; j < g.length; j++) maxDiff = Math.max(maxDiff, Math.abs(g[j] - cpu[i][j]));
      expect(maxDiff).toBeLessThan(1e-5);
    }
    await new Promise((r) => setTimeout(r, 10)); // let Dawn deliver any uncaptured error
    expect(validationErrors).toEqual([]);
  });
});
