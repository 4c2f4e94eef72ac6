/**
 * The adapter library: every run that trained a LoRA adapter and kept it (its
 * `adapter` event, engine/adapters/adapterRecord.ts), with what the page
 * lists beside it: task, size and the run's own scores. Pure: it reads runs.
 */
import { adapterKb, adapterParamCount, type AdapterFields } from '../engine/adapters/adapterRecord';
import type { EventOf } from '../engine/experiment/events';
import type { ScenarioName } from '../engine/scenarios/names';
import { taskOf } from '../engine/scenarios/registry';
import { summaryOf, type Run } from './run';

export interface LibraryAdapter {
  /** The run's id: an adapter is its run's. */
  id: string;
  name: string;
  scenario: ScenarioName;
  /** What it was trained on (skills: the task; text: the domain). */
  task: string;
  rank: number;
  alpha: number;
  /** Numbers it holds (the adapters and any new-token rows), and their size as float32. */
  params: number;
  kb: number;
  /** The run's last scores (exact match; text: next-character accuracy). */
  taskAcc: number | null;
  generalAcc: number | null;
  adapter: AdapterFields;
}

function adapterOf(run: Run): AdapterFields | null {
  return run.events.find((e): e is EventOf<'adapter'> => e.type === 'adapter')?.adapter ?? null;
}

export function adapterLibrary(runs: readonly Run[]): LibraryAdapter[] {
  return runs.flatMap((run) => {
    const adapter = adapterOf(run);
    if (!adapter) return [];
    const summary = summaryOf(run);
    const task = taskOf(run.config);
    return [
      {
        id: run.id,
        name: run.name,
        scenario: run.config.scenario,
        task,
        rank: adapter.rank,
        alpha: adapter.alpha,
        params: adapterParamCount(adapter),
        kb: adapterKb(adapter),
        taskAcc: summary?.taskAcc ?? null,
        generalAcc: summary?.generalAcc ?? null,
        adapter,
      },
    ];
  });
}
