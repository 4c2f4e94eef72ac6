/**
 * Benchmarks, after warm-up (figures, not tests):
 *   npm run bench                  Node, per backend it can run (wasm, cpu, webgpu through Dawn):
 *                                  ms/step, kernels and blocking readbacks per step, GPU errors, the
 *                                  default run's wall time and evaluation share; kernels per step of
 *                                  each lever; the PyTorch CPU reference where installed, and ratios
 *   npm run bench -- --browser     also the built page in headless Chromium: wasm, webgl, webgpu, a
 *                                  sweep's throughput on parallel workers against one (wasm), and each
 *                                  scenario's default run in the page against Node, back to back
 *   npm run bench -- --page-vs-node  only that last comparison (pairs of runs: --pairs 3)
 *   BENCH_OUT=dist-x BENCH_PORT=4190 npm run bench -- --browser   the build in dist-x, served on port 4190
 *   npm run bench -- --json        the same as JSON on stdout (progress on stderr)
 *   npm run bench -- --steps 30    timed steps per Node backend
 *   npm run bench -- --backends wasm,webgpu   only these Node backends
 *   npm run bench -- --no-text     leave out the text scenario (on wasm and a hardware webgpu: its training
 *                                  step and its default run, the text preset's 200 steps and 8 evaluations;
 *                                  in the page too)
 *   npm run bench -- --batch-scales 4,8   also the training step at 4 and 8 times each scenario's batch
 *                                  (where the default run is run: wasm, a hardware webgpu)
 *   npm run bench -- --no-torch    leave out the PyTorch reference (scripts/bench_torch.py, run on its own)
 *   npm run bench -- --run-steps 4 shorten the default runs to 4 steps (a smoke test, not a figure)
 *   npm run bench -- --stream      also, on wasm: a 3-task stream of 100 steps a stage against 300 steps of one task
 *   npm run bench -- --custom-domain  only a text of one's own (wasm): ms/step on a 100 KB custom domain beside
 *                                  code's and near prose's (same run length, back to back: --custom-steps 40,
 *                                  --custom-rounds 2), and reading and splitting a 5 MB text. The full bench
 *                                  includes it where the text scenario runs (--no-custom leaves it out)
 * Always, on wasm: plugging adapters in and out of the skills base model, every ability re-scored.
 * WebGPU on a software adapter (SwiftShader, seconds per step) is timed over a few steps and skips
 * the default run and the text scenario unless --webgpu-run is given. The browser parts load
 * Playwright only when --browser is given (so a bundle of this file runs without it).
 */
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { useBackend, type BackendName } from '../src/engine/backend/backends';
import { watchGpu } from '../src/engine/backend/gpuHealth';
import { presetConfig } from '../src/engine/config/presets';
import { configSchema, type ConfigInput, type ExperimentConfig } from '../src/engine/config/schema';
import * as tf from '../src/engine/tf';
import type { BrowserFigures } from './bench/browser';
import type { SweepFigures } from './bench/sweepThroughput';
import type { PageVsNodeFigures } from './bench/pageVsNode';
import { timeDefaultRun, type DefaultRunFigures } from './bench/defaultRun';
import { timeTrainingStep } from './bench/trainingStep';
import { timeStreamAgainstOneTask, type StreamSpeedFigures } from './bench/streamSpeed';
import { timePlugging, type PlugSpeedFigures } from './bench/plugSpeed';
import { torchReference } from './bench/torchReference';
import { describeCustomDomain, timeBigText, timeCustomDomainSteps, type BigTextFigures, type CustomDomainFigures } from './bench/customDomain';
import { readScenarioAssets } from './lib/scenarioAssets';
import { describeNodeWebgpu, installNodeWebgpu, type NodeWebgpuInfo } from './lib/nodeWebgpu';

type WebgpuAdapter = Extract<NodeWebgpuInfo, { ok: true }>['adapter'];

interface NodeFigures {
  backend: BackendName;
  /** The WebGPU adapter, for webgpu: one line, and its fields (vendor, isFallbackAdapter, …) with where it came from. */
  adapter?: string;
  adapterInfo?: WebgpuAdapter & { source: string; icd: string | null };
  msPerStep: number;
  firstStepMs: number;
  kernelsPerStep: number;
  /** Blocking readbacks per training step, in the default run (or a short run where that is skipped). */
  readbacksPerStep: number;
  /** WebGPU validation errors and device losses reported during the whole bench on this backend. */
  gpuErrors: number | null;
  defaultRun?: DefaultRunFigures;
  /** The text scenario on this backend (wasm, and webgpu on a hardware adapter or with --webgpu-run). */
  text?: TextFigures;
  /** The training step at larger batches (--batch-scales), per scenario. */
  batchScales?: ScaledStepFigures[];
}

/** The text scenario: the text preset's training step and its whole default run. */
interface TextFigures {
  msPerStep: number;
  kernelsPerStep: number;
  batch: string;
  defaultRun: DefaultRunFigures;
  /** A text of one's own as the domain beside the shipped ones (scripts/bench/customDomain.ts). */
  customDomain?: CustomDomainFigures;
}

interface ScaledStepFigures {
  scenario: 'skills' | 'text';
  scale: number;
  /** rows × tokens */
  batch: string;
  msPerStep: number;
  firstStepMs: number;
  kernelsPerStep: number;
}

/** The levers' configs whose training step is profiled (kernels per step). */
const LEVER_CONFIGS: Record<string, ConfigInput> = {
  'full fine-tuning': presetConfig('ignore'),
  'lora r4': presetConfig('lora'),
  'l2sp': { reg: { kind: 'l2sp', strength: 1 } },
  'ewc': presetConfig('regularize'),
  'clamp': { reg: { kind: 'clamp', strength: 0.01 } },
  'freeze embeddings + block 0': { freeze: { embeddings: true, blocks: 1 } },
};

const log = (s: string) => process.stderr.write(`${s}\n`);

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      json: { type: 'boolean', default: false },
      steps: { type: 'string', default: '30' },
      backends: { type: 'string', default: 'wasm,cpu,webgpu' },
      'webgpu-run': { type: 'boolean', default: false },
      browser: { type: 'boolean', default: false },
      'browser-backends': { type: 'string', default: 'wasm,webgl,webgpu' },
      'repeat-runs': { type: 'string', default: '20' },
      'no-text': { type: 'boolean', default: false },
      'no-torch': { type: 'boolean', default: false },
      'batch-scales': { type: 'string', default: '' },
      'run-steps': { type: 'string' },
      'page-vs-node': { type: 'boolean', default: false },
      pairs: { type: 'string', default: '2' },
      stream: { type: 'boolean', default: false },
      'custom-domain': { type: 'boolean', default: false },
      'no-custom': { type: 'boolean', default: false },
      'custom-steps': { type: 'string', default: '40' },
      'custom-rounds': { type: 'string', default: '2' },
    },
  });
  const customOptions = { steps: Number(values['custom-steps']), rounds: Number(values['custom-rounds']) };
  if (!(Number.isInteger(customOptions.steps) && customOptions.steps >= 2 && Number.isInteger(customOptions.rounds) && customOptions.rounds >= 1)) {
    throw new Error(`--custom-steps: a whole number of 2 or more, --custom-rounds: 1 or more (got ${values['custom-steps']}, ${values['custom-rounds']})`);
  }
  if (values['custom-domain']) {
    await useBackend('wasm');
    log(`node wasm: a 100 KB text of one's own against code and near prose, ${customOptions.rounds} round(s) of ${customOptions.steps}-step runs…`);
    const steps = await timeCustomDomainSteps('wasm', customOptions);
    log('reading and splitting a 5 MB text…');
    const big = await timeBigText();
    process.stdout.write(values.json ? JSON.stringify({ date: new Date().toISOString(), customDomain: steps, bigText: big }, null, 2) + '\n' : describeCustomDomain(steps, big).join('\n') + '\n');
    return;
  }
  const sideBySidePresets = values['no-text'] ? ['ignore'] : ['ignore', 'text-ignore'];
  if (values['page-vs-node']) {
    const { benchPageVsNode, describePageVsNode } = await import('./bench/pageVsNode');
    const figures = await benchPageVsNode(sideBySidePresets, { pairs: Number(values.pairs), log });
    process.stdout.write(values.json ? JSON.stringify(figures, null, 2) + '\n' : describePageVsNode(figures).join('\n') + '\n');
    return;
  }
  const steps = Number(values.steps);
  const batchScales = values['batch-scales']!.split(',').filter(Boolean).map(Number);
  if (batchScales.some((x) => !Number.isInteger(x) || x < 2)) throw new Error(`--batch-scales: whole numbers of 2 or more, comma-separated (got ${values['batch-scales']})`);
  const runSteps = values['run-steps'] === undefined ? null : Number(values['run-steps']);
  if (runSteps !== null && !(Number.isInteger(runSteps) && runSteps >= 2)) throw new Error(`--run-steps: a whole number of 2 or more (got ${values['run-steps']})`);
  /** A default run as configured, or shortened by --run-steps (a smoke test). */
  const shorten = (config: ExperimentConfig): ExperimentConfig => (runSteps === null ? config : { ...config, steps: runSteps, evalEvery: runSteps });
  const defaults = configSchema.parse(presetConfig('ignore'));
  const assets = await readScenarioAssets(defaults.scenario);
  const node: NodeFigures[] = [];
  const skipped: Record<string, string> = {};
  const leverKernels: Record<string, number> = {};
  let streamSpeed: StreamSpeedFigures | null = null;
  let plugSpeed: PlugSpeedFigures | null = null;

  for (const backend of values.backends!.split(',') as BackendName[]) {
    let adapter: string | undefined;
    let adapterInfo: NodeFigures['adapterInfo'];
    let software = false;
    try {
      if (backend === 'webgpu') {
        const gpu = await installNodeWebgpu();
        if (!gpu.ok) throw new Error(describeNodeWebgpu(gpu));
        adapter = describeNodeWebgpu(gpu);
        adapterInfo = { ...gpu.adapter, source: gpu.source, icd: gpu.icd };
        software = gpu.adapter.isFallbackAdapter;
        log(adapter);
      }
      await useBackend(backend);
    } catch (err) {
      skipped[backend] = err instanceof Error ? err.message : String(err);
      log(`${backend}: not available (${skipped[backend]})`);
      continue;
    }
    const gpu = watchGpu();
    const slow = backend === 'cpu' || software;
    const n = slow ? Math.min(steps, 3) : steps;
    log(`node ${backend}: timing ${n} training steps after warm-up…`);
    const step = await timeTrainingStep(defaults, assets, n);
    const entry: NodeFigures = { backend, adapter, adapterInfo, ...step, readbacksPerStep: NaN, gpuErrors: null };
    log(`node ${backend}: ${step.msPerStep.toFixed(1)} ms/step, ${step.kernelsPerStep} kernels/step (first step ${step.firstStepMs.toFixed(0)} ms)`);
    if (backend === 'wasm') {
      log('node wasm: kernels per step of each lever…');
      for (const [label, config] of Object.entries(LEVER_CONFIGS)) leverKernels[label] = (await timeTrainingStep(configSchema.parse(config), assets, 1)).kernelsPerStep;
    }
    if (backend === 'wasm') {
      log('node wasm: plugging adapters in and out (the library re-scores every ability)…');
      plugSpeed = await timePlugging(backend, assets);
      log(`node wasm: plugged scoring ${plugSpeed.noneMs.toFixed(0)} / ${plugSpeed.oneMs.toFixed(0)} / ${plugSpeed.twoMs.toFixed(0)} ms (none / one / two adapters)`);
    }
    if (backend === 'wasm' && values.stream) {
      log('node wasm: a 3-task stream against one task, the same 300 steps…');
      streamSpeed = await timeStreamAgainstOneTask(defaults, backend, assets);
      log(`node wasm: stream ${(streamSpeed.streamWallMs / 1000).toFixed(1)} s, one task ${(streamSpeed.oneTaskWallMs / 1000).toFixed(1)} s: ${streamSpeed.ratio.toFixed(2)}×`);
    }
    const fullRun = !slow || (backend === 'webgpu' && values['webgpu-run']);
    log(`node ${backend}: ${fullRun ? 'the default experiment' : 'a 4-step run (readbacks)'}…`);
    const run = await timeDefaultRun(fullRun ? shorten(defaults) : { ...defaults, steps: 4, evalEvery: 4 }, backend, assets);
    entry.readbacksPerStep = run.readbacksPerStep;
    if (fullRun) entry.defaultRun = run;
    log(`node ${backend}: ${fullRun ? 'default run' : 'short run'} ${run.steps} steps, ${run.evals} evaluations: ${(run.wallMs / 1000).toFixed(1)} s wall, ${run.msPerStep.toFixed(1)} ms/step, evaluation ${(100 * run.evalShare).toFixed(1)}%, ${run.readbacksPerStep} readbacks/step`);
    const textConfig = presetConfig('text-ignore');
    const textAssets = fullRun && !values['no-text'] ? await readScenarioAssets(textConfig.scenario) : null;
    if (textAssets) {
      log(`node ${backend}: the text scenario (its training step, then its default run twice)…`);
      const textStep = await timeTrainingStep(textConfig, textAssets, Math.min(n, 15));
      log(`node ${backend}: text ${textStep.msPerStep.toFixed(1)} ms/step, ${textStep.kernelsPerStep} kernels/step`);
      const defaultRun = await timeDefaultRun(shorten(textConfig), backend, textAssets);
      log(`node ${backend}: text default run ${defaultRun.steps} steps: ${(defaultRun.wallMs / 1000).toFixed(1)} s wall, evaluation ${(100 * defaultRun.evalShare).toFixed(1)}%`);
      entry.text = { msPerStep: textStep.msPerStep, kernelsPerStep: textStep.kernelsPerStep, batch: `${textConfig.batchSize} × ${textAssets.base.manifest.dims.context}`, defaultRun };
      if (!values['no-custom']) {
        log(`node ${backend}: a 100 KB text of one's own against code and near prose…`);
        entry.text.customDomain = await timeCustomDomainSteps(backend, customOptions);
      }
    }
    if (batchScales.length > 0 && fullRun) {
      entry.batchScales = [];
      const scenarios = [{ scenario: 'skills' as const, config: defaults, assets }, ...(textAssets ? [{ scenario: 'text' as const, config: textConfig, assets: textAssets }] : [])];
      for (const { scenario, config, assets: scenarioAssets } of scenarios) {
        for (const scale of batchScales) {
          const scaled = configSchema.parse({ ...config, batchSize: config.batchSize * scale });
          const s = await timeTrainingStep(scaled, scenarioAssets, Math.min(n, 10));
          const batch = `${scaled.batchSize} × ${scenarioAssets.base.manifest.dims.context}`;
          log(`node ${backend}: ${scenario} at batch ${batch}: ${s.msPerStep.toFixed(1)} ms/step`);
          entry.batchScales.push({ scenario, scale, batch, ...s });
        }
      }
    }
    if (gpu) {
      await gpu.settle();
      entry.gpuErrors = gpu.problems.length;
      log(`node ${backend}: ${entry.gpuErrors} GPU validation errors or device losses`);
      for (const p of gpu.problems.slice(0, 5)) log(`  GPU: ${p}`);
      gpu.dispose();
    }
    node.push(entry);
  }

  const bigText: BigTextFigures | null = values['no-custom'] ? null : await timeBigText();
  if (!values['no-torch']) log('pytorch reference…');
  const torch = values['no-torch'] ? { unavailable: 'not run (--no-torch)' } : torchReference(steps);
  let browser: BrowserFigures[] = [];
  let sweep: SweepFigures | null = null;
  let pageVsNode: PageVsNodeFigures[] = [];
  if (values.browser) {
    const { benchBrowser } = await import('./bench/browser');
    const { benchSweep } = await import('./bench/sweepThroughput');
    browser = await benchBrowser(values['browser-backends']!.split(','), { repeatRuns: Number(values['repeat-runs']), text: !values['no-text'], log });
    sweep = await benchSweep(log);
    const { benchPageVsNode } = await import('./bench/pageVsNode');
    pageVsNode = await benchPageVsNode(sideBySidePresets, { pairs: Number(values.pairs), log });
  }

  const wasm = node.find((f) => f.backend === 'wasm');
  const ratio = wasm && 'msPerStep' in torch ? wasm.msPerStep / torch.msPerStep : null;
  const machine = { cpus: cpus().length, model: cpus()[0]?.model ?? 'unknown', node: process.version, tfjs: tf.version_core };
  // `text` stays the wasm figures (as before); each backend's are in node[].text.
  const text = wasm?.text ?? null;
  const result = { date: new Date().toISOString(), machine, node, text, bigText, skipped, leverKernels, torch, wasmOverTorch: ratio, browser, sweep, pageVsNode, streamSpeed, plugSpeed, tensorsLeft: tf.memory().numTensors };
  if (values.json) {
    process.stdout.write(JSON.stringify(result, null, 2) + '\n');
    return;
  }
  const out: string[] = [`Node ${machine.node}, ${machine.cpus} × ${machine.model}, tfjs ${machine.tfjs} (after warm-up; batch 32 × 20):`];
  for (const f of node) {
    out.push(`  ${f.backend.padEnd(6)} ${f.msPerStep.toFixed(1).padStart(8)} ms/step (first ${f.firstStepMs.toFixed(0)} ms)  ${f.kernelsPerStep} kernels/step  ${f.readbacksPerStep} readbacks/step${f.gpuErrors !== null ? `  ${f.gpuErrors} GPU errors` : ''}${f.adapter ? `  [${f.adapter}]` : ''}`);
    if (f.defaultRun) {
      const d = f.defaultRun;
      const other = d.wallMs - d.trainMs - d.evalMs;
      out.push(`         default run (${d.steps} steps, ${d.evals} evaluations): ${(d.wallMs / 1000).toFixed(1)} s wall = ${(d.trainMs / 1000).toFixed(1)} s training (${d.msPerStep.toFixed(1)} ms/step) + ${(d.evalMs / 1000).toFixed(2)} s evaluation (${(100 * d.evalShare).toFixed(1)}%) + ${(other / 1000).toFixed(2)} s setup and batches`);
      out.push(`         the session's first run (scores the base model too): ${(d.first.wallMs / 1000).toFixed(1)} s wall, ${(d.first.evalMs / 1000).toFixed(2)} s evaluation (${(100 * d.first.evalShare).toFixed(1)}%)`);
    }
  }
  for (const [backend, why] of Object.entries(skipped)) out.push(`  ${backend.padEnd(6)} not run: ${why}`);
  for (const { backend, text } of node) {
    if (!text) continue;
    const d = text.defaultRun;
    out.push(`Text scenario, Node ${backend} (batch ${text.batch}): ${text.msPerStep.toFixed(1)} ms/step, ${text.kernelsPerStep} kernels/step`);
    out.push(`  default text run (${d.steps} steps, ${d.evals} evaluations with samples at 3): ${(d.wallMs / 1000).toFixed(1)} s wall = ${(d.trainMs / 1000).toFixed(1)} s training + ${(d.evalMs / 1000).toFixed(2)} s evaluation (${(100 * d.evalShare).toFixed(1)}%) + ${((d.wallMs - d.trainMs - d.evalMs) / 1000).toFixed(2)} s setup and batches`);
    out.push(`  the session's first text run (scores the base model too): ${(d.first.wallMs / 1000).toFixed(1)} s wall, ${(d.first.evalMs / 1000).toFixed(2)} s evaluation (${(100 * d.first.evalShare).toFixed(1)}%)`);
    if (text.customDomain) out.push(`  ${describeCustomDomain(text.customDomain, null)[0]}`);
  }
  if (bigText) out.push(describeCustomDomain(null, bigText).at(-1)!);
  for (const { backend, batchScales: scales } of node) {
    if (scales?.length) out.push(`Larger batches, Node ${backend}: ${scales.map((s) => `${s.scenario} ${s.batch} ${s.msPerStep.toFixed(1)} ms/step`).join(', ')}`);
  }
  if (streamSpeed) {
    out.push(`Stream (wasm): ${streamSpeed.stream} ${(streamSpeed.streamWallMs / 1000).toFixed(1)} s wall against ${streamSpeed.oneTask} ${(streamSpeed.oneTaskWallMs / 1000).toFixed(1)} s: ${streamSpeed.ratio.toFixed(2)}× (target ≤ 1.2; each the faster of 2, run alternately)`);
  }
  if (plugSpeed) {
    const p = plugSpeed;
    out.push(
      `Plugging adapters (wasm, skills): every ability (${p.abilities}, ${p.evalSize} examples each) re-scored in ${p.noneMs.toFixed(0)} ms with nothing plugged, ${p.oneMs.toFixed(0)} ms with one adapter, ${p.twoMs.toFixed(0)} ms with two; one adapter's first look on ${p.previewSize} examples each ${p.previewMs.toFixed(0)} ms (median of ${p.repeats}; target < 1 s)`,
    );
  }
  if (Object.keys(leverKernels).length) out.push(`Kernels per training step (wasm): ${Object.entries(leverKernels).map(([k, n]) => `${k} ${n}`).join(', ')}`);
  out.push('PyTorch CPU reference (same model and batch):');
  out.push(
    'msPerStep' in torch
      ? `  ${torch.msPerStep.toFixed(1)} ms/step (torch ${torch.torch}; ${Object.entries(torch.byThreads).map(([t, ms]) => `${t} thread(s) ${ms.toFixed(1)}`).join(', ')})`
      : `  ${torch.unavailable}`,
  );
  if (ratio) out.push(`  tfjs wasm / PyTorch: ${ratio.toFixed(2)}×`);
  for (const b of browser) {
    if (b.text) {
      out.push(
        `Browser wasm, the text scenario's default run: ${(b.text.wallMs / 1000).toFixed(1)} s wall from Start to done, ${b.text.msPerStep} ms/step, first chart point ${(b.text.firstPointMs / 1000).toFixed(1)} s after Start; ` +
          `the page's first text run ${(b.text.firstWallMs / 1000).toFixed(1)} s (it fetches the text model and corpus and scores the base model)`,
      );
    }
    out.push(`Browser ${b.backend} [${b.badge}]:`);
    out.push(`  loaded ${(b.bytes.js / 1024).toFixed(0)} KiB JS + ${(b.bytes.wasm / 1024).toFixed(0)} KiB wasm + ${(b.bytes.model / 1024).toFixed(0)} KiB model before ready`);
    out.push(`  first chart point ${(b.firstPointMs / 1000).toFixed(1)} s after Start; run ${(b.defaultRunWallMs / 1000).toFixed(1)} s wall, ${b.msPerStep} ms/step`);
    out.push(`  main-thread tasks over 50 ms while training: ${b.longTasks.count} (longest ${b.longTasks.maxMs.toFixed(0)} ms)`);
    if (b.tensorsAfterRuns) out.push(`  worker tensors after each of ${b.tensorsAfterRuns.length} runs: ${[...new Set(b.tensorsAfterRuns)].join(', ')}`);
    if (b.workerHeapAfterRuns?.length) {
      const heap = b.workerHeapAfterRuns.map((x) => (x / 1e6).toFixed(2));
      out.push(`  worker JS heap after GC, runs 1 → ${heap.length} (MB): ${heap.join(' ')}`);
    }
  }
  if (sweep) {
    out.push(`Browser sweep (wasm, 4 runs of 150 steps): ${(sweep.sequentialMs / 1000).toFixed(1)} s on one worker, ${(sweep.parallelMs / 1000).toFixed(1)} s on ${sweep.cores} = ${sweep.ratio.toFixed(2)}×`);
    out.push(`  main-thread tasks over 50 ms during a 4-run sweep with ${sweep.runsOnCharts} runs on the charts: ${sweep.longTasks.count} (${sweep.longTasks.over100} over 100 ms, longest ${sweep.longTasks.maxMs.toFixed(0)} ms)`);
  }
  if (pageVsNode.length) out.push(...(await import('./bench/pageVsNode')).describePageVsNode(pageVsNode));
  process.stdout.write(out.join('\n') + '\n');
}

main().catch((err) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? err.stack : err}\n`);
  process.exit(1);
});
