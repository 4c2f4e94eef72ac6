/**
 * Which backend "auto" runs on: the fastest, by measurement. The page times a
 * few real training steps on each backend worth timing here (speedTrial.ts, one
 * worker each) and keeps the fastest. Not worth timing: a WebGPU adapter that
 * is a software fallback, or WebGL rendered in software (SwiftShader: 10–100×
 * slower than WASM here), and the plain-JavaScript CPU backend.
 * These run in the page (no tfjs): they only read what the browser reports.
 */
import { BACKEND_LABELS, type BackendName } from '../engine/backend/names';

export type BackendChoice = BackendName | 'auto';

export interface AdapterFacts {
  available: boolean;
  fallback: boolean;
  description: string;
}

interface WebGlFacts {
  available: boolean;
  software: boolean;
  renderer: string;
}

/** What this browser offers, as far as choosing a backend goes. */
export interface BrowserFacts {
  webgpu: AdapterFacts;
  webgl: WebGlFacts;
}

interface AdapterInfoLike {
  vendor?: string;
  architecture?: string;
  device?: string;
  description?: string;
  isFallbackAdapter?: boolean;
}

interface GpuLike {
  requestAdapter(): Promise<unknown>;
}

/** Asks the browser for a WebGPU adapter and reads what kind it is. */
export async function probeWebGpu(gpu: GpuLike | undefined = (globalThis.navigator as { gpu?: GpuLike } | undefined)?.gpu): Promise<AdapterFacts> {
  if (!gpu) return { available: false, fallback: false, description: 'this browser has no WebGPU' };
  let adapter: unknown;
  try {
    adapter = await gpu.requestAdapter();
  } catch {
    adapter = null;
  }
  if (!adapter) return { available: false, fallback: false, description: 'no WebGPU adapter was granted' };
  const info = ((adapter as { info?: AdapterInfoLike }).info ?? {}) as AdapterInfoLike;
  const legacyFallback = (adapter as { isFallbackAdapter?: boolean }).isFallbackAdapter;
  const software = /swiftshader|llvmpipe|software/i.test(`${info.vendor} ${info.architecture} ${info.description}`);
  const fallback = Boolean(info.isFallbackAdapter ?? legacyFallback) || software;
  const description = [info.vendor, info.architecture || info.device || info.description].filter(Boolean).join(' ') || 'unknown GPU';
  return { available: true, fallback, description };
}

/** Reads the WebGL2 renderer (a throwaway context, released at once). */
function probeWebGl(): WebGlFacts {
  try {
    const canvas = typeof OffscreenCanvas !== 'undefined' ? new OffscreenCanvas(1, 1) : document.createElement('canvas');
    const gl = canvas.getContext('webgl2') as WebGL2RenderingContext | null;
    if (!gl) return { available: false, software: false, renderer: 'this browser has no WebGL2' };
    const debug = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer = String(gl.getParameter(debug ? debug.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    const soft = /swiftshader|llvmpipe|softpipe|software|basic render/i.exec(renderer);
    // A software renderer is named by what it is; ANGLE's full string is a line long.
    return { available: true, software: Boolean(soft), renderer: soft ? (/swiftshader/i.test(renderer) ? 'SwiftShader' : soft[0]) : renderer };
  } catch {
    return { available: false, software: false, renderer: 'WebGL2 could not start' };
  }
}

export async function probeBrowser(): Promise<BrowserFacts> {
  return { webgpu: await probeWebGpu(), webgl: probeWebGl() };
}

export interface Candidates {
  /** Backends to time, in order: wasm first (it always starts, and fast), then the GPUs. */
  timed: BackendName[];
  skipped: Array<{ name: BackendName; why: string }>;
}

export function candidatesFor(facts: BrowserFacts): Candidates {
  const timed: BackendName[] = ['wasm'];
  const skipped: Candidates['skipped'] = [];
  if (!facts.webgpu.available) skipped.push({ name: 'webgpu', why: facts.webgpu.description });
  else if (facts.webgpu.fallback) skipped.push({ name: 'webgpu', why: `its adapter is a software fallback (${facts.webgpu.description})` });
  else timed.push('webgpu');
  if (!facts.webgl.available) skipped.push({ name: 'webgl', why: facts.webgl.renderer });
  else if (facts.webgl.software) skipped.push({ name: 'webgl', why: `it renders in software (${facts.webgl.renderer})` });
  else timed.push('webgl');
  return { timed, skipped };
}

/** One backend's measured speed, or why it has none. */
export interface TrialResult {
  name: BackendName;
  msPerStep: number | null;
  firstStepMs?: number;
  /** Why there is no figure: it did not start, or took too long. */
  note?: string;
}

/** The backend to run on, and the figures and reasons to show beside it. */
export interface BackendDecision {
  name: BackendName;
  label: string;
  reason: string;
  results: TrialResult[];
  /** When the figures were measured (ms since epoch); absent for a choice by hand. */
  measuredAt?: number;
  /** The WebGPU adapter, when WebGPU runs. */
  adapter?: string;
}

const figure = (r: TrialResult) => `${BACKEND_LABELS[r.name]} ${r.msPerStep! < 10 ? r.msPerStep!.toFixed(1) : Math.round(r.msPerStep!)} ms/step`;

/** The fastest measured backend, and a sentence with every figure: "WebGPU 14 ms/step, WASM 40 ms/step: WebGPU". */
export function decide(results: TrialResult[], skipped: Candidates['skipped'], facts: BrowserFacts, measuredAt = Date.now()): BackendDecision {
  const measured = results.filter((r) => r.msPerStep !== null);
  if (!measured.length) throw new Error(`no backend finished a training step: ${results.map((r) => `${r.name}: ${r.note}`).join('; ')}`);
  const best = measured.reduce((a, b) => (b.msPerStep! < a.msPerStep! ? b : a));
  const parts = [
    measured.length > 1 ? `${measured.map(figure).join(', ')}: ${BACKEND_LABELS[best.name]}` : `${figure(best)}`,
    ...results.filter((r) => r.msPerStep === null).map((r) => `${BACKEND_LABELS[r.name]} ${r.note}`),
    ...skipped.map((s) => `${BACKEND_LABELS[s.name]} not timed: ${s.why}`),
  ];
  return { ...labelled(best.name, facts), reason: parts.join('; '), results, measuredAt };
}

function labelled(name: BackendName, facts: BrowserFacts): Pick<BackendDecision, 'name' | 'label' | 'adapter'> {
  if (name === 'webgpu') return { name, label: `WebGPU (${facts.webgpu.description})`, adapter: facts.webgpu.description };
  if (name === 'cpu') return { name, label: 'CPU (plain JavaScript)' };
  return { name, label: BACKEND_LABELS[name] };
}

export function chosenByHand(name: BackendName, facts: BrowserFacts): BackendDecision {
  return { ...labelled(name, facts), reason: 'chosen by hand', results: [] };
}

/** What a measurement is remembered under: this browser and these adapters, nothing personal. */
export function memoryKey(facts: BrowserFacts, userAgent: string): string {
  return [userAgent, facts.webgpu.available ? facts.webgpu.description : 'no webgpu', facts.webgl.renderer].join(' | ');
}
