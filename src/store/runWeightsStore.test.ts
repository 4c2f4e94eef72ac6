import { beforeEach, describe, expect, it } from 'vitest';
import type { ExperimentEvent } from '../engine/experiment/events';
import { fakeWorkers, memoryInMap, softwareOnly } from './fakeWorker';
import { createLabStore } from './labStore';
import { useQueueStore } from './queueStore';
import { useRunsStore } from './runsStore';
import { KEPT_RUNS, useRunWeightsStore } from './runWeightsStore';

beforeEach(() => {
  useRunsStore.getState().clear();
  useQueueStore.setState({ items: [], held: false });
  useRunWeightsStore.setState({ byRun: {} });
});

const done: ExperimentEvent = {
  type: 'done',
  summary: { taskGain: 0, forgetting: 0, taskAcc: 0, generalAcc: 0, taskTokenAcc: 0, generalTokenAcc: 0, steps: 1, msPerStep: 1, trainableParams: 1 },
};

describe('the weights of runs, for asking them prompts', () => {
  it('are filed under the run whose worker sent them, and a prompt goes to the lab’s worker', async () => {
    const { open, workers } = fakeWorkers([done]);
    const lab = createLabStore(open, { probe: async () => softwareOnly, memory: memoryInMap(), userAgent: 'test', cores: 1, trialBudgetMs: 500, startWaitMs: 50 }, () => 'run');
    await expect(lab.getState().ask({ scenario: 'skills', tokens: [4, 10, 2], temperature: 0, seed: 1, weights: null })).rejects.toThrow(/not started yet/);
    await lab.getState().connect('auto');
    const weights = Float32Array.of(1, 2, 3);
    for (const w of workers) w.weights = { step: 5, weights };
    await lab.getState().start();
    await new Promise<void>((resolve) => {
      const check = () => useRunsStore.getState().runs[0]?.status === 'done';
      if (check()) return resolve();
      const stop = useRunsStore.subscribe(() => check() && (stop(), resolve()));
    });
    const [run] = useRunsStore.getState().runs;
    expect(useRunWeightsStore.getState().byRun[run.id]).toEqual({ step: 5, weights });
    const answer = await lab.getState().ask({ scenario: 'skills', tokens: [4, 10, 2], temperature: 0, seed: 1, weights });
    expect(answer.steps.map((s) => s.token)).toEqual([4, 10, 2]);
    expect(workers.flatMap((w) => w.asked)).toHaveLength(1);
  });

  it('are kept for the latest runs only, a run’s newest weights replacing its older ones', () => {
    const keep = useRunWeightsStore.getState().keep;
    for (let i = 0; i < KEPT_RUNS + 3; i++) keep(`r${i}`, { step: 1, weights: Float32Array.of(i) });
    keep('r10', { step: 2, weights: Float32Array.of(99) });
    const byRun = useRunWeightsStore.getState().byRun;
    expect(Object.keys(byRun)).toHaveLength(KEPT_RUNS);
    expect(byRun.r0).toBeUndefined();
    expect(byRun.r2).toBeUndefined();
    expect(byRun.r3).toBeDefined();
    expect(byRun.r10).toEqual({ step: 2, weights: Float32Array.of(99) });
    expect(Object.keys(byRun).at(-1)).toBe('r10');
  });
});
