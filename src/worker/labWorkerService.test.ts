/**
 * The worker as the page drives it, in Node: warming up and preparing a run
 * before Start leave no tensors behind, and a run waits for a preparation
 * under way.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { scenarioStart } from '../engine/config/presets';
import type { ExperimentEvent } from '../engine/experiment/events';
import { registerToyScenario, TOY } from '../engine/testing/toyScenario';
import { LabWorker } from './labWorkerService';

// The toy scenario (a tiny random model) keeps this quick on the CPU backend.
vi.mock('../engine/scenarios/names', () => ({ SCENARIOS: ['skills', 'text', 'toy'] }));

beforeAll(() => {
  registerToyScenario();
  // The worker fetches the shipped skills model at init; Node's fetch reads no files, so serve them.
  vi.stubGlobal('fetch', async (url: string) => new Response(await readFile(fileURLToPath(url))));
});
afterAll(() => vi.unstubAllGlobals());

describe('LabWorker', () => {
  it('prepares a run before Start without leaking tensors; a run started meanwhile waits for it', async () => {
    const worker = new LabWorker();
    await worker.init('cpu', new URL('../../public/models/base/', import.meta.url).href);
    const config = { ...scenarioStart(TOY), steps: 3, evalEvery: 3 };
    const tensors = async () => (await worker.memory()).numTensors;
    const before = await tensors();
    await worker.prepare(config);
    expect(await tensors()).toBe(before);

    const order: string[] = [];
    const preparing = worker.prepare(config).then(() => order.push('prepared'));
    const events: ExperimentEvent[] = [];
    const outcome = await worker.run(config, (batch) => {
      if (!events.length) order.push('first batch');
      events.push(...batch.events);
    });
    await preparing;
    expect(outcome).toBe('done');
    expect(order).toEqual(['prepared', 'first batch']);
    expect(events.filter((e) => e.type === 'step')).toHaveLength(3);
    expect(await tensors()).toBe(before);
  });

  it('warms up (the baseline and one step, then it leaves the run) without leaking tensors', async () => {
    const worker = new LabWorker();
    await worker.init('cpu', new URL('../../public/models/base/', import.meta.url).href);
    const config = { ...scenarioStart(TOY), steps: 3, evalEvery: 3 };
    const before = (await worker.memory()).numTensors;
    expect(await worker.warmUp(config)).toBeGreaterThan(0);
    expect((await worker.memory()).numTensors).toBe(before);
  });
});
