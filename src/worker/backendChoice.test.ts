import { describe, expect, it } from 'vitest';
import { pickAuto } from './backendChoice';

describe('automatic backend choice', () => {
  it('takes WebGPU on a hardware adapter', () => {
    expect(pickAuto({ available: true, fallback: false, description: 'apple m2' })).toMatchObject({ name: 'webgpu', label: 'WebGPU (apple m2)' });
  });

  it('takes WASM when the WebGPU adapter is a software fallback, and says why', () => {
    const pick = pickAuto({ available: true, fallback: true, description: 'google swiftshader' });
    expect(pick.name).toBe('wasm');
    expect(pick.reason).toMatch(/software fallback \(google swiftshader\)/);
  });

  it('takes WASM when there is no WebGPU at all', () => {
    expect(pickAuto({ available: false, fallback: false, description: 'this browser has no WebGPU' })).toMatchObject({ name: 'wasm' });
  });
});
