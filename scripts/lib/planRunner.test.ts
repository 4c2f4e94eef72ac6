/** The plan runner: outcomes in plan order, the same numbers on worker processes as in this one, a failed run reported alone. */
import { describe, expect, it } from 'vitest';
import { defaultConfig, type ExperimentConfig } from '../../src/engine/config/schema';
import { runPlan, type PlanOutcome } from './planRunner';

const tiny = (seed: number, settings: Partial<ExperimentConfig> = {}): ExperimentConfig => ({ ...defaultConfig(), steps: 3, evalEvery: 3, seed, ...settings });
// A config no scenario takes: its run fails, the runs around it still run.
const PLAN = [tiny(1), { ...tiny(2), scenario: 'poetry' } as unknown as ExperimentConfig, tiny(3, { mix: 0.5 })];

/** An outcome without its wall times, the only numbers that are not deterministic. */
const numbers = (o: PlanOutcome) => (o.measured ? { ...o.measured, summary: { ...o.measured.summary, msPerStep: 0 } } : o.error);

describe('runPlan', () => {
  it('gives each run its outcome in plan order, on two worker processes exactly as in this process', async () => {
    const finished: number[][] = [[], []];
    const here = await runPlan(PLAN, { backend: 'wasm', onOutcome: (i) => finished[0].push(i) });
    const apart = await runPlan(PLAN, { backend: 'wasm', workers: 2, onOutcome: (i) => finished[1].push(i) });
    for (const [outcomes, order] of [
      [here, finished[0]],
      [apart, finished[1]],
    ] as const) {
      expect(outcomes).toHaveLength(3);
      expect([...order].sort()).toEqual([0, 1, 2]);
      expect(outcomes[1].measured).toBeNull();
      expect(outcomes[1].error).toMatch(/scenario/);
      for (const i of [0, 2]) {
        expect(outcomes[i].error).toBeUndefined();
        expect(outcomes[i].backend).toBe('wasm');
        expect(outcomes[i].measured!.summary.steps).toBe(3);
        expect(outcomes[i].measured!.taskCurve).toHaveLength(1);
      }
    }
    expect(apart.map(numbers)).toEqual(here.map(numbers));
  });
});
