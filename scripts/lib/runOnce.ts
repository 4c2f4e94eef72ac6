/** Runs one experiment in Node and collects its events into a saved-run record. */
import type { ExperimentConfig } from '../../src/engine/config/schema';
import type { ExperimentEvent, RunRecord, RunSummary } from '../../src/engine/experiment/events';
import { runFromStart } from '../../src/engine/adapters/mergedStart';
import type { StartAdapter } from '../../src/engine/adapters/startSpec';
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
  /** The adapters a config's `start` names (merged into the base first); a start without them ends the run with an error that names them. */
  adapters: readonly StartAdapter[] = [],
): Promise<RunResult> {
  const events: ExperimentEvent[] = [];
  const started = performance.now();
  for await (const event of runFromStart(config, { ...assets, backend }, adapters)) {
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
