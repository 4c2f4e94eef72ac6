/**
 * The adapter library: every run that trained a LoRA adapter and kept it (its
 * `adapter` event, engine/adapters/adapterRecord.ts), with what the page
 * lists beside it: task, size and the run's own scores. Pure: it reads runs.
 */
import { adapterKb, adapterParamCount, type AdapterFields } from '../engine/adapters/adapterRecord';
import { adapterFingerprint, parseStartEntry, type StartAdapter } from '../engine/adapters/startSpec';
import type { EventOf } from '../engine/experiment/events';
import type { ScenarioName } from '../engine/scenarios/names';
import { taskOf } from '../engine/scenarios/registry';
import { summaryOf, type Run } from './run';

export interface LibraryAdapter {
  /** The run's id: an adapter is its run's. */
  id: string;
  /** Its fingerprint: how a run's `start` names it (the same after export and import). */
  fingerprint: string;
  /** The adapters merged into the base its run started from (their names), if any: it was trained on top of them. */
  onTopOf: string[];
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
        fingerprint: adapterFingerprint(adapter),
        onTopOf: mergedOf(run).map((m) => m.name),
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

/** The adapters a run started from, as its `merged` event recorded them (none: it started from the shipped base). */
function mergedOf(run: Run): EventOf<'merged'>['adapters'] {
  const event = run.events.find((e) => e.type === 'merged');
  return event?.type === 'merged' ? event.adapters : [];
}

/**
 * Every adapter the lab holds, by fingerprint, that a run may start from:
 * the library's and those that runs recorded as their start (so a run that
 * started from merged adapters re-runs even when the run that trained them
 * is gone, or was never imported).
 */
export function knownAdapters(runs: readonly Run[], library: readonly LibraryAdapter[] = adapterLibrary(runs)): StartAdapter[] {
  const known = new Map<string, StartAdapter>();
  for (const a of library) known.set(a.fingerprint, { id: a.fingerprint, name: a.name, adapter: a.adapter });
  for (const run of runs) for (const m of mergedOf(run)) if (!known.has(m.id)) known.set(m.id, { id: m.id, name: m.name, adapter: m.adapter });
  return [...known.values()];
}

/** A config's `start` as the page reads it: each entry's adapter (its name, or null where the lab lacks it) and weight. */
export function startOf(start: readonly string[], known: readonly StartAdapter[]): { id: string; name: string | null; weight: number }[] {
  return start.map((text) => {
    const { id, weight } = parseStartEntry(text);
    return { id, weight, name: known.find((a) => a.id === id)?.name ?? null };
  });
}
