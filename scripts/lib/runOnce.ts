/** Runs one experiment in Node and collects its events into a saved-run record. */
import type { ExperimentConfig } from '../../src/engine/config/schema';
import type { ExperimentEvent, RunRecord, RunSummary } from '../../src/engine/experiment/events';
import { runExperiment } from '../../src/engine/experiment/run';
import type { ScenarioAssets } from '../../src/engine/scenarios/scenario';

export interface RunResult extends RunRecord {
  summary?: RunSummary;
  error?: string;
  wallMs: number;
}

export async function runOnce(
  config: ExperimentConfig,
  backend: string,
  assets: ScenarioAssets,
  onEvent?: (event: ExperimentEvent) => void,
): Promise<RunResult> {
  const events: ExperimentEvent[] = [];
  const started = performance.now();
  for await (const event of runExperiment(config, { ...assets, backend })) {
    // A LoRA run sends its adapter at every evaluation: the record keeps the newest, as the page does (runs/adapterLibrary.ts).
    const older = event.type === 'adapter' ? events.findIndex((e) => e.type === 'adapter') : -1;
    if (older >= 0) events.splice(older, 1);
    events.push(event);
    onEvent?.(event);
  }
  const last = events.at(-1);
  return {
    config,
    backend,
    events,
    wallMs: performance.now() - started,
    summary: last?.type === 'done' ? last.summary : undefined,
    error: last?.type === 'error' ? last.message : undefined,
  };
}
