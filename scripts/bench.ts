/**
 * Benchmarks, after warm-up: ms per training step of the shipped model on
 * each backend available in Node, and the default experiment's wall time.
 *
 *   npm run bench                 wasm and cpu: ms/step; wasm: default run wall time
 *   npm run bench -- --json       the same as JSON on stdout
 *   npm run bench -- --steps 30   timed steps per backend
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
import { readCheckpoint } from './lib/checkpointFiles';
import { runOnce } from './lib/runOnce';

interface BackendFigures {
  backend: string;
  msPerStep: number;
  defaultRun?: { wallMs: number; msPerStep: number; evalShare: number; steps: number };
}

async function msPerStep(backend: BackendName, steps: number): Promise<number> {
  const base = await readCheckpoint();
  const config = presetConfig('ignore');
  const model = new Gpt(base.manifest.dims, base.values);
  const trainer = new Trainer(model, model.params, { optimizer: { kind: config.optimizer, weightDecay: config.weightDecay }, clipNorm: config.clipNorm });
  const sampler = new BatchSampler(findSkill(config.task), GENERAL_SKILLS, new Rng(1));
  const plan = planBatch(config.batchSize, config.mix);
  const step = async () => {
    const loss = trainer.step(packBatch(sampler.sample(plan), base.manifest.dims.context, 'answer'), config.lr);
    await loss.data();
    loss.dispose();
  };
  for (let i = 0; i < 3; i++) await step();
  const started = performance.now();
  for (let i = 0; i < steps; i++) await step();
  const ms = (performance.now() - started) / steps;
  trainer.dispose();
  model.dispose();
  void backend;
  return ms;
}

async function defaultRun(backend: string): Promise<BackendFigures['defaultRun']> {
  const base = await readCheckpoint();
  const config = presetConfig('ignore');
  const result = await runOnce(config, backend, base);
  if (!result.summary) throw new Error(`default run failed: ${result.error}`);
  const trainMs = result.summary.msPerStep * config.steps;
  return {
    wallMs: result.wallMs,
    msPerStep: result.summary.msPerStep,
    evalShare: 1 - trainMs / result.wallMs,
    steps: config.steps,
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { json: { type: 'boolean', default: false }, steps: { type: 'string', default: '20' } },
  });
  const steps = Number(values.steps);
  const figures: BackendFigures[] = [];
  for (const backend of ['wasm', 'cpu'] as const) {
    try {
      await useBackend(backend);
    } catch (err) {
      process.stderr.write(`${backend}: not available (${err instanceof Error ? err.message : err})\n`);
      continue;
    }
    process.stderr.write(`${backend}: timing ${backend === 'cpu' ? Math.min(steps, 5) : steps} steps after warm-up…\n`);
    const entry: BackendFigures = { backend, msPerStep: await msPerStep(backend, backend === 'cpu' ? Math.min(steps, 5) : steps) };
    if (backend === 'wasm') {
      process.stderr.write(`${backend}: the default experiment…\n`);
      entry.defaultRun = await defaultRun(backend);
    }
    figures.push(entry);
    if (tf.memory().numTensors !== 0) process.stderr.write(`warning: ${tf.memory().numTensors} tensors left on ${backend}\n`);
  }
  if (values.json) {
    process.stdout.write(JSON.stringify({ date: new Date().toISOString(), figures }, null, 2) + '\n');
    return;
  }
  for (const f of figures) {
    let line = `${f.backend.padEnd(6)} ${f.msPerStep.toFixed(1).padStart(7)} ms/step`;
    if (f.defaultRun) {
      line += `   default run (${f.defaultRun.steps} steps + evals): ${(f.defaultRun.wallMs / 1000).toFixed(1)} s wall, eval share ${(100 * f.defaultRun.evalShare).toFixed(1)}%`;
    }
    process.stdout.write(line + '\n');
  }
}

main().catch((err) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? err.stack : err}\n`);
  process.exit(1);
});
