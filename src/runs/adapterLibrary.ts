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
  /** The step it stands at, and whether its run is still training (its adapter then moves on at each evaluation). */
  step: number;
  training: boolean;
}

function adapterEventOf(run: Run): EventOf<'adapter'> | null {
  for (let i = run.events.length - 1; i >= 0; i--) {
    const e = run.events[i];
    if (e.type === 'adapter') return e;
  }
  return null;
}

/**
 * Events with `incoming` appended, keeping one adapter event, the newest: a
 * LoRA run sends its adapter after every evaluation, and only the latest is
 * worth keeping (the finished run's is its trained adapter, just before done).
 */
export function appendKeepingNewestAdapter<E extends { type: string }>(events: readonly E[], incoming: readonly E[]): E[] {
  const combined = [...events, ...incoming];
  if (!incoming.some((e) => e.type === 'adapter')) return combined;
  let newest = combined.length - 1;
  while (combined[newest].type !== 'adapter') newest--;
  return combined.filter((e, i) => e.type !== 'adapter' || i === newest);
}

export function adapterLibrary(runs: readonly Run[]): LibraryAdapter[] {
  return runs.flatMap((run) => {
    const event = adapterEventOf(run);
    if (!event) return [];
    const { adapter } = event;
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
        step: event.step,
        training: run.status === 'running' || run.status === 'paused',
      },
    ];
  });
}
