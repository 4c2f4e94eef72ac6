/**
 * WebGPU in Node through Dawn (the npm package `webgpu`, an optional dependency),
 * so tfjs-backend-webgpu can run from the command line and in tests.
 *
 *   const gpu = await installNodeWebgpu();
 *   if (!gpu.ok) { console.error(describeNodeWebgpu(gpu)); process.exit(1); }
 *   await useBackend('webgpu');          // src/engine/backend/backends.ts
 *
 * Call it before anything imports '@tensorflow/tfjs-backend-webgpu': that
 * module registers its backend at import time only if `navigator.gpu` exists.
 *
 * What it sets up, and why:
 * - The WebGPU globals (GPUBufferUsage, GPUMapMode, GPUShaderStage, …) that
 *   tfjs-backend-webgpu reads as globals, only where Node has none of that name.
 * - `navigator.gpu`. tfjs-backend-webgpu 4.22 checks `globalThis.navigator.gpu`
 *   and nothing else (no `window`, no `WorkerGlobalScope`), so no browser global
 *   is faked: tfjs-core's IS_BROWSER stays false and IS_NODE true, and it keeps
 *   its Node platform. Node 20 has no `navigator`: one `{ gpu }` object is
 *   defined. Node 21+ has one: `gpu` is added to it.
 * - Linux: the Vulkan loader. Dawn dlopen()s `libvulkan.so.1`. When the system
 *   has none (Debian: package libvulkan1), the copy that Chromium/Chrome ship
 *   beside their SwiftShader is loaded first, by path, so Dawn's dlopen by name
 *   finds it already in the process (glibc matches loaded libraries by soname).
 * - Linux: which Vulkan driver (ICD). Rule, in order:
 *   1. VK_DRIVER_FILES or VK_ICD_FILENAMES set by the user: used as given, no fallback.
 *   2. Any ICD manifest in the loader's standard folders (XDG_CONFIG_DIRS or
 *      /etc/xdg, /etc, XDG_DATA_HOME or ~/.local/share, XDG_DATA_DIRS or
 *      /usr/local/share:/usr/share, each + /vulkan/icd.d) or in NVIDIA containers'
 *      /usr/local/nvidia/share/vulkan/icd.d (which the loader does not search:
 *      those are named in VK_ICD_FILENAMES): the system's drivers are tried first.
 *   3. No adapter from those, or no manifest at all: SwiftShader, a CPU Vulkan
 *      (Chromium's vk_swiftshader_icd.json), through VK_ICD_FILENAMES.
 *   Manifests are looked for, not opened, so on a machine with none the loader
 *   is not asked (it would print "Found no drivers!" on stderr).
 *   VK_ICD_FILENAMES stays set in process.env (Dawn reads it when it creates its
 *   Vulkan instance), so child processes inherit it.
 * - Other platforms (macOS: Metal, Windows: D3D12): Dawn's defaults.
 *
 * No adapter is a result ({ ok: false, reason }), not a throw.
 */
import { existsSync, readdirSync } from 'node:fs';
import { homedir, constants as osConstants } from 'node:os';
import { join } from 'node:path';

type NodeWebgpuDriver = 'auto' | 'system' | 'swiftshader';

export interface NodeWebgpuOptions {
  /**
   * 'auto' (default): the system's Vulkan drivers when any is installed, else or
   * when they give no adapter, SwiftShader. 'system': never SwiftShader.
   * 'swiftshader': only SwiftShader. Also read from LAB_WEBGPU_DRIVER.
   */
  driver?: NodeWebgpuDriver;
  /** SwiftShader's ICD manifest; default LAB_SWIFTSHADER_ICD or Chromium's/Chrome's. */
  swiftshaderIcd?: string;
  /** Flags for Dawn's create(), e.g. ['backend=vulkan'] or ['enable-dawn-features=…']. */
  dawnFlags?: string[];
  /** Progress and choices, one line each (default: silent). */
  log?: (line: string) => void;
}

interface NodeWebgpuAdapter {
  vendor: string;
  architecture: string;
  device: string;
  description: string;
  /** A software (CPU) adapter such as SwiftShader: slow, fine for correctness checks. */
  isFallbackAdapter: boolean;
  /** The adapter's limit; a device gets 8 unless it asks for more (tfjs does not). */
  maxStorageBuffersPerShaderStage: number;
}

export type NodeWebgpuInfo =
  | {
      ok: true;
      adapter: NodeWebgpuAdapter;
      /** Where the adapter came from: the system's drivers, SwiftShader, the user's VK_* variables, Dawn's platform default (non-Linux), or a navigator.gpu that was already there. */
      source: 'system' | 'swiftshader' | 'configured' | 'platform' | 'existing';
      /** The ICD manifest(s) in VK_ICD_FILENAMES / VK_DRIVER_FILES when it was chosen, else null. */
      icd: string | null;
      /** The Vulkan loader loaded by path (Chromium's), or 'system', or null when not Linux. */
      vulkanLoader: string | null;
      notes: string[];
    }
  | { ok: false; reason: string; notes: string[] };

interface DawnModule {
  create(flags: string[]): GPU;
  globals: Record<string, unknown>;
}

/** Where Debian's chromium (chromium-common) and Google Chrome keep SwiftShader and their Vulkan loader. */
const BROWSER_DIRS = ['/usr/lib/chromium', '/opt/google/chrome', '/usr/lib/chromium-browser'];
const NVIDIA_ICD_DIR = '/usr/local/nvidia/share/vulkan/icd.d';
/** glibc's RTLD_NODELETE (Node's os.constants.dlopen lacks it): the library stays loaded after Node's failed module init closes it. */
const RTLD_NODELETE = 0x1000;

let installed: Promise<NodeWebgpuInfo> | null = null;

/** Sets up WebGPU for this process (once; later calls return the first result). */
export function installNodeWebgpu(options: NodeWebgpuOptions = {}): Promise<NodeWebgpuInfo> {
  installed ??= install(options);
  return installed;
}

/** One line for a person: the adapter, or why there is none. */
export function describeNodeWebgpu(info: NodeWebgpuInfo): string {
  if (!info.ok) return `WebGPU unavailable: ${info.reason}`;
  const a = info.adapter;
  const kind = a.isFallbackAdapter ? 'software fallback adapter' : 'hardware adapter';
  return `WebGPU: ${a.vendor || '?'} ${a.architecture || ''} (${a.description || a.device || 'no description'}), ${kind}, via ${info.source}`;
}

async function install(options: NodeWebgpuOptions): Promise<NodeWebgpuInfo> {
  const notes: string[] = [];
  const log = (line: string) => {
    notes.push(line);
    options.log?.(line);
  };
  const fail = (reason: string): NodeWebgpuInfo => ({ ok: false, reason, notes });

  const existing = (globalThis as { navigator?: { gpu?: GPU } }).navigator?.gpu;
  if (existing) {
    const adapter = await requestAdapter(existing);
    if (!adapter) return fail('navigator.gpu was already set, and requestAdapter() returned null');
    return { ok: true, adapter: describeAdapter(adapter), source: 'existing', icd: null, vulkanLoader: null, notes };
  }

  const driver = options.driver ?? parseDriver(process.env.LAB_WEBGPU_DRIVER) ?? 'auto';
  const linux = process.platform === 'linux';
  let vulkanLoader: string | null = null;
  if (linux) {
    const loader = loadVulkanLoader();
    if (!loader.ok) return fail(loader.reason);
    vulkanLoader = loader.path;
    if (loader.path !== 'system') log(`no system Vulkan loader (libvulkan.so.1); using ${loader.path}`);
  }

  let dawn: DawnModule;
  try {
    dawn = await importDawn();
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const hint = /GLIBC_/.test(message)
      ? ' (Dawn for Node needs glibc 2.34 or newer)'
      : /Cannot find (package|module)/.test(message)
        ? " (the optional dependency 'webgpu' is not installed: npm install)"
        : '';
    return fail(`cannot load Dawn for Node: ${firstLine(message)}${hint}`);
  }
  const flags = options.dawnFlags ?? [];

  /** Tries one configuration; installs it when it gives an adapter. */
  const attempt = async (source: 'system' | 'swiftshader' | 'configured' | 'platform', icd: string | null) => {
    let gpu: GPU;
    try {
      gpu = dawn.create(flags);
    } catch (err) {
      log(`${source}: Dawn's create() failed: ${firstLine(err instanceof Error ? err.message : String(err))}`);
      return null;
    }
    const adapter = await requestAdapter(gpu);
    if (!adapter) {
      log(`${source}: requestAdapter() returned null`);
      return null;
    }
    defineGlobals(dawn.globals);
    defineNavigatorGpu(gpu);
    const info: NodeWebgpuInfo = { ok: true, adapter: describeAdapter(adapter), source, icd, vulkanLoader, notes };
    log(describeNodeWebgpu(info));
    return info;
  };

  if (!linux) return (await attempt('platform', null)) ?? fail(`no WebGPU adapter on ${process.platform} (requestAdapter() returned null)`);

  const configured = process.env.VK_DRIVER_FILES ?? process.env.VK_ICD_FILENAMES;
  if (configured) {
    return (
      (await attempt('configured', configured)) ??
      fail(`no WebGPU adapter with the Vulkan driver(s) named in VK_DRIVER_FILES/VK_ICD_FILENAMES (${configured})`)
    );
  }

  if (driver !== 'swiftshader') {
    const system = systemIcds();
    if (system.manifests.length > 0) {
      // The loader finds the standard folders itself; NVIDIA's container folder must be named.
      const named = system.nonStandard.length > 0 ? system.manifests.join(':') : null;
      if (named) process.env.VK_ICD_FILENAMES = named;
      log(`system Vulkan drivers: ${system.manifests.join(', ')}`);
      const result = await attempt('system', named);
      if (result) return result;
      if (named) delete process.env.VK_ICD_FILENAMES;
    } else {
      log('no system Vulkan driver (no ICD manifest in the loader folders)');
    }
    if (driver === 'system') return fail('no WebGPU adapter from the system Vulkan drivers (driver: system)');
  }

  const named = options.swiftshaderIcd ?? process.env.LAB_SWIFTSHADER_ICD;
  const swiftshader = named ?? findSwiftshaderIcd();
  if (!swiftshader || !existsSync(swiftshader)) {
    return fail(
      named
        ? `no Vulkan driver for WebGPU: no GPU driver, and the SwiftShader ICD ${named} does not exist`
        : 'no Vulkan driver for WebGPU: no GPU driver, and no SwiftShader ICD found ' +
            `(looked in ${BROWSER_DIRS.join(', ')}; install Debian's chromium or set LAB_SWIFTSHADER_ICD)`,
    );
  }
  process.env.VK_ICD_FILENAMES = swiftshader;
  const result = await attempt('swiftshader', swiftshader);
  if (result) return result;
  delete process.env.VK_ICD_FILENAMES;
  return fail(`no WebGPU adapter, not even from SwiftShader (${swiftshader})`);
}

function parseDriver(value: string | undefined): NodeWebgpuDriver | undefined {
  return value === 'auto' || value === 'system' || value === 'swiftshader' ? value : undefined;
}

function firstLine(message: string): string {
  return message.split('\n')[0];
}

/** A variable, so neither tsc nor a bundler needs the optional package to be there. */
const DAWN_PACKAGE = 'webgpu';
async function importDawn(): Promise<DawnModule> {
  const mod = (await import(/* @vite-ignore */ DAWN_PACKAGE)) as Partial<DawnModule> & { default?: Partial<DawnModule> };
  const dawn = mod.create ? mod : mod.default;
  if (!dawn?.create || !dawn.globals) throw new Error("the 'webgpu' package has no create()/globals");
  return dawn as DawnModule;
}

async function requestAdapter(gpu: GPU): Promise<GPUAdapter | null> {
  try {
    // tfjs asks for 'high-performance' too; on one adapter it makes no difference.
    return await gpu.requestAdapter({ powerPreference: 'high-performance' });
  } catch {
    return null;
  }
}

function describeAdapter(adapter: GPUAdapter): NodeWebgpuAdapter {
  // Dawn puts isFallbackAdapter on GPUAdapterInfo (the current spec); older
  // implementations had it on the adapter.
  const info = (adapter.info ?? {}) as Partial<GPUAdapterInfo> & { isFallbackAdapter?: boolean };
  const legacy = (adapter as { isFallbackAdapter?: boolean }).isFallbackAdapter;
  return {
    vendor: info.vendor ?? '',
    architecture: info.architecture ?? '',
    device: info.device ?? '',
    description: info.description ?? '',
    isFallbackAdapter: Boolean(info.isFallbackAdapter ?? legacy),
    maxStorageBuffersPerShaderStage: adapter.limits.maxStorageBuffersPerShaderStage,
  };
}

/** Dawn's GPU* classes and constants as globals, never replacing one Node already has. */
function defineGlobals(globals: Record<string, unknown>): void {
  for (const [name, value] of Object.entries(globals)) {
    if (!(name in globalThis)) {
      Object.defineProperty(globalThis, name, { value, writable: true, configurable: true, enumerable: false });
    }
  }
}

/** navigator.gpu without replacing Node 21+'s navigator (userAgent, hardwareConcurrency, …). */
function defineNavigatorGpu(gpu: GPU): void {
  const g = globalThis as { navigator?: object };
  const current = g.navigator;
  if (current && typeof current === 'object') {
    try {
      Object.defineProperty(current, 'gpu', { value: gpu, writable: true, configurable: true, enumerable: true });
      if ((current as { gpu?: GPU }).gpu === gpu) return;
    } catch {
      // not extensible: replaced below by an object that inherits from it
    }
    Object.defineProperty(globalThis, 'navigator', {
      value: Object.create(current, { gpu: { value: gpu, enumerable: true } }),
      writable: true,
      configurable: true,
    });
    return;
  }
  Object.defineProperty(globalThis, 'navigator', { value: { gpu }, writable: true, configurable: true });
}

/**
 * Makes sure `libvulkan.so.1` can be found by Dawn. Loading it here with
 * RTLD_NODELETE keeps it in the process; Dawn's later dlopen("libvulkan.so.1")
 * returns the loaded copy. process.dlopen() always throws for a library that
 * is not a Node addon ("did not self-register"): that message means it loaded.
 */
function loadVulkanLoader(): { ok: true; path: string } | { ok: false; reason: string } {
  const flags = osConstants.dlopen.RTLD_NOW | osConstants.dlopen.RTLD_LOCAL | RTLD_NODELETE;
  const tryLoad = (file: string): boolean => {
    try {
      process.dlopen({ exports: {} } as NodeJS.Module, file, flags);
      return true;
    } catch (err) {
      return /self-register|napi_register_module/i.test(err instanceof Error ? err.message : String(err));
    }
  };
  if (tryLoad('libvulkan.so.1')) return { ok: true, path: 'system' };
  const candidates = [process.env.LAB_VULKAN_LOADER, ...BROWSER_DIRS.map((d) => join(d, 'libvulkan.so.1'))].filter(
    (p): p is string => !!p && existsSync(p),
  );
  for (const file of candidates) if (tryLoad(file)) return { ok: true, path: file };
  return {
    ok: false,
    reason: `no Vulkan loader: libvulkan.so.1 is not installed (Debian/Ubuntu: apt-get install libvulkan1) and none was found in ${BROWSER_DIRS.join(', ')}`,
  };
}

function findSwiftshaderIcd(): string | null {
  for (const dir of BROWSER_DIRS) {
    const file = join(dir, 'vk_swiftshader_icd.json');
    if (existsSync(file)) return file;
  }
  return null;
}

/** ICD manifests where the Vulkan loader looks on Linux, plus NVIDIA's container folder. */
function systemIcds(): { manifests: string[]; nonStandard: string[] } {
  const env = process.env;
  const home = env.HOME ?? homedir();
  const configDirs = (env.XDG_CONFIG_DIRS || '/etc/xdg').split(':');
  const dataDirs = (env.XDG_DATA_DIRS || '/usr/local/share:/usr/share').split(':');
  const standard = [
    join(env.XDG_CONFIG_HOME || join(home, '.config'), 'vulkan/icd.d'),
    ...configDirs.map((d) => join(d, 'vulkan/icd.d')),
    '/etc/vulkan/icd.d',
    join(env.XDG_DATA_HOME || join(home, '.local/share'), 'vulkan/icd.d'),
    ...dataDirs.map((d) => join(d, 'vulkan/icd.d')),
  ];
  const list = (dir: string) => {
    try {
      return readdirSync(dir)
        .filter((f) => f.endsWith('.json'))
        .map((f) => join(dir, f));
    } catch {
      return [];
    }
  };
  const found = [...new Set(standard)].flatMap(list);
  const nonStandard = list(NVIDIA_ICD_DIR);
  return { manifests: [...found, ...nonStandard], nonStandard };
}
