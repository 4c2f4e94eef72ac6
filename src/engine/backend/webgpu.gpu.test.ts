/**
 * The engine on WebGPU, in Node through Dawn (scripts/lib/nodeWebgpu.ts; on a
 * machine with no GPU, SwiftShader): kernels within the device's limits, GPU
 * errors ending a run by name, and training that matches wasm step for step.
 * These fail rather than skip when WebGPU cannot start (see nodeWebgpu.test.ts);
 * LAB_SKIP_WEBGPU=1 skips them on purpose.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { describeNodeWebgpu, installNodeWebgpu } from '../../../scripts/lib/nodeWebgpu';
import { configSchema, type ConfigInput } from '../config/schema';
import type { ExperimentEvent } from '../experiment/events';
import { runExperiment } from '../experiment/run';
import type { ScenarioAssets } from '../scenarios/scenario';
import { randomCheckpoint } from '../testing/fixtures';
import { tinyTextAssets } from '../testing/textFixtures';
import * as tf from '../tf';
import { useBackend, type BackendName } from './backends';
import { watchGpu, webgpuDevice } from './gpuHealth';

const skip = process.env.LAB_SKIP_WEBGPU === '1';

async function run(input: ConfigInput, backend: BackendName, onEvent?: (e: ExperimentEvent) => void, assets: ScenarioAssets = { base: randomCheckpoint() }): Promise<ExperimentEvent[]> {
  await useBackend(backend);
  const events: ExperimentEvent[] = [];
  for await (const e of runExperiment(configSchema.parse(input), { evalSize: 4, ...assets, backend })) {
    events.push(e);
    onEvent?.(e);
  }
  return events;
}

describe.skipIf(skip)('the engine on WebGPU', () => {
  beforeAll(async () => {
    const info = await installNodeWebgpu();
    if (!info.ok) throw new Error(`${describeNodeWebgpu(info)} (set LAB_SKIP_WEBGPU=1 to skip these tests)`);
    await useBackend('webgpu');
  });

  it('sums many tensors with addN within the storage-buffer limit, and says nothing is wrong', async () => {
    await useBackend('webgpu');
    const health = watchGpu()!;
    const [few, many, big] = tf.tidy(() => [
      tf.addN(Array.from({ length: 5 }, (_, i) => tf.scalar(i + 1))),
      tf.addN(Array.from({ length: 38 }, (_, i) => tf.scalar(i + 1))),
      tf.addN(Array.from({ length: 100 }, (_, i) => tf.fill([40, 40], i))),
    ]);
    expect((await few.data())[0]).toBe(15);
    expect((await many.data())[0]).toBe(741);
    expect(Array.from(new Set(await big.data()))).toEqual([4950]);
    await health.settle();
    expect(health.problems).toEqual([]);
    health.dispose();
    tf.dispose([few, many, big]);
  });

  it('ends a run with a named error when the device reports one', async () => {
    const events = await run({ steps: 6, batchSize: 2, evalEvery: 3 }, 'webgpu', (e) => {
      // An invalid buffer (no usage flags) raises a validation error on the device, as an invalid pipeline would.
      if (e.type === 'step' && e.step === 1) (webgpuDevice() as unknown as GPUDevice).createBuffer({ size: 4, usage: 0 });
    });
    const last = events.at(-1)!;
    expect(last.type).toBe('error');
    expect((last as { message: string }).message).toMatch(/WebGPU error/);
    expect(events.some((e) => e.type === 'done')).toBe(false);
  });

  it('trains exactly as wasm does while clipping binds, with no GPU error', async () => {
    // clipNorm 0.05: the gradient norm of this random model is far above it, so every step is clipped.
    // SGD, because Adam's update is nearly blind to a uniform scaling of the gradient.
    const config = { steps: 4, batchSize: 4, evalEvery: 4, optimizer: 'sgd', lr: 0.5, clipNorm: 0.05 } as const;
    const gpu = await run(config, 'webgpu');
    const wasm = await run(config, 'wasm');
    const losses = (events: ExperimentEvent[]) => events.filter((e) => e.type === 'step').map((e) => (e as { loss: number }).loss);
    expect(gpu.at(-1)!.type).toBe('done');
    expect(losses(gpu)).toHaveLength(4);
    losses(gpu).forEach((loss, i) => expect(Math.abs(loss - losses(wasm)[i])).toBeLessThan(1e-4 * Math.abs(losses(wasm)[i])));
    await useBackend('cpu');
    // The same steps without clipping part from these: the clip really acted.
    const unclipped = await run({ ...config, clipNorm: 0 }, 'cpu');
    expect(Math.abs(losses(unclipped)[3] - losses(wasm)[3])).toBeGreaterThan(1e-3);
  });

  it('trains the text scenario (tied head, every character a target) as wasm does, with no GPU error', async () => {
    const config = { scenario: 'text', steps: 3, batchSize: 4, evalEvery: 3, liveEvalSize: 4, optimizer: 'sgd', lr: 0.5, clipNorm: 0.05 } as const;
    const errors: string[] = [];
    const gpu = await run(config, 'webgpu', (e) => e.type === 'error' && errors.push(e.message), tinyTextAssets());
    const wasm = await run(config, 'wasm', undefined, tinyTextAssets());
    const losses = (events: ExperimentEvent[]) => events.filter((e) => e.type === 'step').map((e) => (e as { loss: number }).loss);
    expect(errors).toEqual([]);
    expect(gpu.at(-1)!.type).toBe('done');
    expect(losses(gpu)).toHaveLength(3);
    losses(gpu).forEach((loss, i) => expect(Math.abs(loss - losses(wasm)[i])).toBeLessThan(1e-4 * Math.abs(losses(wasm)[i])));
  });
});
