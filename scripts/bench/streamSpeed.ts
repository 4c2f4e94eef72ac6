/**
 * A stream of three tasks, 100 steps each, against 300 steps of one task:
 * the same steps, batch and evaluation cadence, the stream's stage-end
 * evaluations of every task included. The two are run alternately (one,
 * the other, again), after a warm-up, and the faster of each pair's wall
 * times is kept, so load from elsewhere weighs on both alike.
 */
import { configSchema, type ExperimentConfig } from '../../src/engine/config/schema';
import type { ScenarioAssets } from '../../src/engine/scenarios/scenario';
import { runOnce } from '../lib/runOnce';

export interface StreamSpeedFigures {
  stream: string;
  oneTask: string;
  streamWallMs: number;
  oneTaskWallMs: number;
  /** stream ÷ one task: the issue asks for ≤ 1.2. */
  ratio: number;
}

async function wallOf(config: ExperimentConfig, backend: string, assets: ScenarioAssets): Promise<number> {
  const result = await runOnce(config, backend, assets);
  if (!result.summary) throw new Error(`stream bench: the run failed: ${result.error}`);
  return result.wallMs;
}

export async function timeStreamAgainstOneTask(base: ExperimentConfig, backend: string, assets: ScenarioAssets, rounds = 2): Promise<StreamSpeedFigures> {
  const stream = configSchema.parse({ ...base, stream: ['letters', 'rotate', 'encode'], stageSteps: 100 });
  const oneTask = configSchema.parse({ ...base, task: 'letters', steps: 300 });
  // Warm-up, and both baselines scored (cached per session) before timing.
  await wallOf({ ...stream, stageSteps: 2, evalEvery: 2 }, backend, assets);
  await wallOf({ ...oneTask, steps: 2, evalEvery: 2 }, backend, assets);
  const times = { stream: Infinity, oneTask: Infinity };
  for (let i = 0; i < rounds; i++) {
    times.stream = Math.min(times.stream, await wallOf(stream, backend, assets));
    times.oneTask = Math.min(times.oneTask, await wallOf(oneTask, backend, assets));
  }
  return { stream: 'letters→rotate→encode × 100 steps', oneTask: 'letters × 300 steps', streamWallMs: times.stream, oneTaskWallMs: times.oneTask, ratio: times.stream / times.oneTask };
}
