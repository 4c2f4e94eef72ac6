import { describe, expect, it } from 'vitest';
import { candidatesFor, decide, memoryKey, probeWebGpu, type BrowserFacts } from './backendChoice';

const hardware: BrowserFacts = {
  webgpu: { available: true, fallback: false, description: 'apple m2' },
  webgl: { available: true, software: false, renderer: 'ANGLE (Apple, M2)' },
};
const software: BrowserFacts = {
  webgpu: { available: true, fallback: true, description: 'google swiftshader' },
  webgl: { available: true, software: true, renderer: 'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device))' },
};

describe('probing WebGPU', () => {
  const gpu = (adapter: unknown) => ({ requestAdapter: async () => adapter });

  it('reads a hardware adapter', async () => {
    expect(await probeWebGpu(gpu({ info: { vendor: 'nvidia', architecture: 'ada', isFallbackAdapter: false } }))).toEqual({ available: true, fallback: false, description: 'nvidia ada' });
  });

  it('knows a software adapter by its flag, by its old flag, or by its name', async () => {
    expect((await probeWebGpu(gpu({ info: { vendor: 'google', architecture: 'swiftshader' } }))).fallback).toBe(true);
    expect((await probeWebGpu(gpu({ isFallbackAdapter: true, info: { vendor: 'x' } }))).fallback).toBe(true);
    expect((await probeWebGpu(gpu({ info: { vendor: 'mesa', description: 'llvmpipe (LLVM 15)' } }))).fallback).toBe(true);
  });

  it('says why there is none: no WebGPU, no adapter, or a request that throws', async () => {
    expect(await probeWebGpu(undefined)).toMatchObject({ available: false, description: 'this browser has no WebGPU' });
    expect(await probeWebGpu(gpu(null))).toMatchObject({ available: false, description: 'no WebGPU adapter was granted' });
    expect(await probeWebGpu({ requestAdapter: async () => Promise.reject(new Error('blocked')) })).toMatchObject({ available: false });
  });
});

describe('automatic backend choice', () => {
  it('times WASM and the hardware GPUs, and nothing that runs in software', () => {
    expect(candidatesFor(hardware)).toEqual({ timed: ['wasm', 'webgpu', 'webgl'], skipped: [] });
    const soft = candidatesFor(software);
    expect(soft.timed).toEqual(['wasm']);
    expect(soft.skipped.map((s) => s.name)).toEqual(['webgpu', 'webgl']);
    expect(soft.skipped[0].why).toMatch(/software fallback \(google swiftshader\)/);
  });

  it('picks the fastest measured backend and gives every figure', () => {
    const decision = decide(
      [
        { name: 'wasm', msPerStep: 40.2 },
        { name: 'webgpu', msPerStep: 14.1 },
        { name: 'webgl', msPerStep: null, note: 'took over 15 s to start and train' },
      ],
      [],
      hardware,
      5,
    );
    expect(decision).toMatchObject({ name: 'webgpu', label: 'WebGPU (apple m2)', measuredAt: 5 });
    expect(decision.reason).toBe('WASM 40 ms/step, WebGPU 14 ms/step: WebGPU; WebGL took over 15 s to start and train');
  });

  it('keeps WASM when the GPU is slower, as it can be for a small model', () => {
    const decision = decide([{ name: 'wasm', msPerStep: 61 }, { name: 'webgpu', msPerStep: 450 }], [], hardware);
    expect(decision.name).toBe('wasm');
    expect(decision.reason).toMatch(/: WASM$/);
  });

  it('fails plainly when nothing finished a step', () => {
    expect(() => decide([{ name: 'wasm', msPerStep: null, note: 'could not start (no wasm)' }], [], hardware)).toThrow(/no backend finished a training step: wasm: could not start/);
  });

  it('remembers per browser and adapter', () => {
    expect(memoryKey(hardware, 'UA')).not.toBe(memoryKey(software, 'UA'));
    expect(memoryKey(hardware, 'UA')).not.toBe(memoryKey(hardware, 'other UA'));
  });
});
