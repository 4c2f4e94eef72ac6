/**
 * Which backend "auto" picks, and why. WebGPU on a real GPU is fastest; a
 * WebGPU adapter that is a software fallback (SwiftShader) is the slowest
 * choice of all, so then wasm wins (measured: ../shared/BROWSER.md).
 */
import type { BackendName } from '../engine/backend/backends';

export type BackendChoice = BackendName | 'auto';

export interface BackendPick {
  name: BackendName;
  /** For the badge: "WebGPU (apple m2)", "WASM". */
  label: string;
  /** Why this backend: shown beside the badge. */
  reason: string;
}

export interface AdapterFacts {
  available: boolean;
  fallback: boolean;
  description: string;
}

interface AdapterInfoLike {
  vendor?: string;
  architecture?: string;
  device?: string;
  description?: string;
  isFallbackAdapter?: boolean;
}

/** Asks the browser for a WebGPU adapter and reads what kind it is. */
export async function probeWebGpu(): Promise<AdapterFacts> {
  const gpu = (globalThis.navigator as Navigator | undefined)?.gpu;
  if (!gpu) return { available: false, fallback: false, description: 'this browser has no WebGPU' };
  let adapter: GPUAdapter | null = null;
  try {
    adapter = await gpu.requestAdapter();
  } catch {
    adapter = null;
  }
  if (!adapter) return { available: false, fallback: false, description: 'no WebGPU adapter was granted' };
  const info = ((adapter as unknown as { info?: AdapterInfoLike }).info ?? {}) as AdapterInfoLike;
  const legacyFallback = (adapter as unknown as { isFallbackAdapter?: boolean }).isFallbackAdapter;
  const software = /swiftshader|llvmpipe|software/i.test(`${info.vendor} ${info.architecture} ${info.description}`);
  const fallback = Boolean(info.isFallbackAdapter ?? legacyFallback) || software;
  const description = [info.vendor, info.architecture || info.device || info.description].filter(Boolean).join(' ') || 'unknown GPU';
  return { available: true, fallback, description };
}

/** The automatic choice: WebGPU on a real adapter, otherwise wasm. */
export function pickAuto(facts: AdapterFacts): BackendPick {
  if (facts.available && !facts.fallback) {
    return { name: 'webgpu', label: `WebGPU (${facts.description})`, reason: 'a hardware GPU adapter is available' };
  }
  const why = facts.available ? `the WebGPU adapter is a software fallback (${facts.description})` : facts.description;
  return { name: 'wasm', label: 'WASM', reason: `WASM on the CPU: ${why}` };
}

export function describeManual(name: BackendName, facts: AdapterFacts): BackendPick {
  const labels: Record<BackendName, string> = {
    webgpu: `WebGPU (${facts.description})`,
    webgl: 'WebGL',
    wasm: 'WASM',
    cpu: 'CPU (plain JavaScript)',
  };
  return { name, label: labels[name], reason: 'chosen by hand' };
}
