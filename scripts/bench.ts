/**
 * Benchmarks, after warm-up (figures, not tests):
 *   npm run bench                  Node: ms/step on wasm and cpu, the default run's wall time and
 *                                  eval share on wasm, the PyTorch CPU reference where installed, ratios
 *   npm run bench -- --browser     also the built page in headless Chromium: wasm, webgl, webgpu
 *   npm run bench -- --json        the same as JSON on stdout (progress on stderr)
 *   npm run bench -- --steps 30    timed steps per Node backend
 */
import { parseArgs } from 'node:util';
import { useBackend, type BackendName } from '../src/engine/backend/backends';
import { presetConfig } from '../src/engine/config/presets';
import { packBatch } from '../src/engine/data/batch';
import { Rng } from '../src/engine/data/rng';
import { BatchSampler, planBatch } from '../src/engine/data/sampler';
import { findSkill, GENERAL_SKILLS } from '../src/engine/data/skills';
import { Gpt } from '../src/engine/model/model';
import * as tf from '../src/engine/tf';
import { Trainer } from '../src/engine/train/trainer';
import { prepareTraining } from '../src/engine/experiment/setup';
import { benchBrowser, type BrowserFigures } from './bench/browser';
import { torchReference } from './bench/torchReference';
import { readCheckpoint } from './lib/checkpointFiles';
import { runOnce } from './lib/runOnce';

interface NodeFigures {
  backend: string;
  msPerStep: number;
  defaultRun?: { wallMs: number; trainMs: number; evalMs: number; evalShare: number; steps: number; evals: number };
}

const log = (s: string) => process.stderr.write(`${s}\n`);

/** ms per training step of the default experiment's model and batch (32 × 20 tokens), after 3 warm-up steps. */
async function msPerStep(steps: number): Promise<number> {
  const base = await readCheckpoint();
  const config = presetConfig('ignore');
  const model = new Gpt(base.manifest.dims, base.values);
  const setup = prepareTraining(model, config, model.theta, base.manifest.seenTokens);
  const trainer = new Trainer(model, setup, { optimizer: { kind: config.optimizer, weightDecay: config.weightDecay }, clipNorm: config.clipNorm });
  const sampler = new BatchSampler(findSkill(config.task), GENERAL_SKILLS, new Rng(1));
  const plan = planBatch(config.batchSize, config.mix);
  // Full-length batches (context 20), as the PyTorch reference uses; real runs trim to the batch's longest example.
  const batches = Array.from({ length: steps + 3 }, () => packBatch(sampler.sample(plan), base.manifest.dims.context, 'answer'));
  const step = async (i: number) => {
    const loss = trainer.step(batches[i], config.lr);
    await loss.data();
    loss.dispose();
  };
  for (let i = 0; i < 3; i++) await step(i);
  const started = performance.now();
  for (let i = 3; i < steps + 3; i++) await step(i);
  const ms = (performance.now() - started) / steps;
  trainer.dispose();
  setup.dispose();
  model.dispose();
  return ms;
}

/** The default experiment end to end; its own msPerStep times the training steps alone. */
async function defaultRun(backend: string): Promise<NonNullable<NodeFigures['defaultRun']>> {
  const base = await readCheckpoint();
  const config = presetConfig('ignore');
  await runOnce({ ...config, steps: 2, evalEvery: 1 }, backend, base); // warm-up
  const result = await runOnce(config, backend, base);
  if (!result.summary) throw new Error(`default run failed: ${result.error}`);
  const trainMs = result.summary.msPerStep * config.steps;
  const evals = result.events.filter((e) => e.type === 'eval' || e.type === 'baseline').length;
  return { wallMs: result.wallMs, trainMs, evalMs: result.wallMs - trainMs, evalShare: 1 - trainMs / result.wallMs, steps: config.steps, evals };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      json: { type: 'boolean', default: false },
      steps: { type: 'string', default: '30' },
      browser: { type: 'boolean', default: false },
      'browser-backends': { type: 'string', default: 'wasm,webgl,webgpu' },
      'repeat-runs': { type: 'string', default: '20' },
    },
  });
  const steps = Number(values.steps);
  const node: NodeFigures[] = [];
  for (const backend of ['wasm', 'cpu'] as BackendName[]) {
    try {
      await useBackend(backend);
    } catch (err) {
      log(`${backend}: not available (${err instanceof Error ? err.message : err})`);
      continue;
    }
    const n = backend === 'cpu' ? Math.min(steps, 5) : steps;
    log(`node ${backend}: timing ${n} steps after warm-up…`);
    const entry: NodeFigures = { backend, msPerStep: await msPerStep(n) };
    if (backend === 'wasm') {
      log(`node ${backend}: the default experiment…`);
      entry.defaultRun = await defaultRun(backend);
    }
    node.push(entry);
  }
  log('pytorch reference…');
  const torch = torchReference(steps);
  let browser: BrowserFigures[] = [];
  if (values.browser) browser = await benchBrowser(values['browser-backends']!.split(','), { repeatRuns: Number(values['repeat-runs']), log });

  const wasm = node.find((f) => f.backend === 'wasm');
  const ratio = wasm && 'msPerStep' in torch ? wasm.msPerStep / torch.msPerStep : null;
  const result = { date: new Date().toISOString(), node, torch, wasmOverTorch: ratio, browser, tensorsLeft: tf.memory().numTensors };
  if (values.json) {
    process.stdout.write(JSON.stringify(result, null, 2) + '\n');
    return;
  }
  const out: string[] = ['Node (tfjs, after warm-up):'];
  for (const f of node) {
    out.push(`  ${f.backend.padEnd(6)} ${f.msPerStep.toFixed(1).padStart(7)} ms/step`);
    if (f.defaultRun) {
      const d = f.defaultRun;
      out.push(`         default run (${d.steps} steps, ${d.evals} evaluations): ${(d.wallMs / 1000).toFixed(1)} s wall = ${(d.trainMs / 1000).toFixed(1)} s training + ${(d.evalMs / 1000).toFixed(1)} s evaluation (${(100 * d.evalShare).toFixed(1)}%)`);
    }
  }
  out.push('PyTorch CPU reference (same model and batch):');
  out.push(
    'msPerStep' in torch
      ? `  ${torch.msPerStep.toFixed(1)} ms/step (torch ${torch.torch}; ${Object.entries(torch.byThreads).map(([t, ms]) => `${t} thread(s) ${ms.toFixed(1)}`).join(', ')})`
      : `  ${torch.unavailable}`,
  );
  if (ratio) out.push(`  tfjs wasm / PyTorch: ${ratio.toFixed(2)}×`);
  for (const b of browser) {
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
  process.stdout.write(out.join('\n') + '\n');
}

main().catch((err) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? err.stack : err}\n`);
  process.exit(1);
});
