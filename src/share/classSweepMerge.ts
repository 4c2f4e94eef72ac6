/**
 * A class sweep's results, gathered from the class view: each participant's
 * run finds its cell of the grid by its settings (share/classSweep.ts
 * configKey), so results links and run files need nothing added. One result
 * per cell: a cell run by two participants (or sent twice) counts once, the
 * first one read. The lever curve and heatmap are then the ones a single
 * browser running the whole grid draws (engine/sweep/aggregate.ts).
 */
import type { RunSummary } from '../engine/experiment/events';
import type { SweepResult } from '../engine/sweep/aggregate';
import { classSweepRuns, configKey, type ClassSweep, type ClassSweepRun } from './classSweep';
import type { ExperimentConfig } from '../engine/config/schema';

/** What the merge needs of a class view run. */
export interface ClassSweepInput {
  id: string;
  participant: string;
  config: ExperimentConfig;
  summary: RunSummary;
  sources: readonly string[];
}

/** A slot not (fully) run yet: who should run it, and which of its runs are missing. */
interface MissingSlot {
  slot: number;
  /** The labels of its missing runs ('mix 0.5 · seed 2'). */
  missing: string[];
  /** How many runs the slot holds in all. */
  of: number;
}

export interface ClassSweepMerge {
  /** Every run of the grid, in plan order. */
  grid: ClassSweepRun[];
  /** One per cell with a finished run: what the lever curve and heatmap average. */
  results: SweepResult[];
  /** Which class view run fills each filled cell (by plan position). */
  filledBy: Map<number, string>;
  /** Runs beyond the first in a cell: the same run sent twice or run by two participants; counted once. */
  duplicates: number;
  missingSlots: MissingSlot[];
  /** Class view runs that are no cell of this grid (another experiment or another class sweep). */
  outside: number;
  /** Sources whose every run is outside the grid: most likely another class sweep's. */
  foreignSources: string[];
  /** Why the grid could not be built (the sweep cannot run here). */
  errors: string[];
}

/** The class sweep's grid filled from the class view's runs. */
export function mergeClassSweep(sweep: ClassSweep, runs: readonly ClassSweepInput[]): ClassSweepMerge {
  const { runs: grid, errors } = classSweepRuns(sweep);
  const byKey = new Map(grid.map((r) => [configKey(r.config), r]));
  const results: SweepResult[] = [];
  const filledBy = new Map<number, string>();
  let duplicates = 0;
  let outside = 0;
  const inGrid = new Map<string, number>();
  const bySource = new Map<string, number>();
  for (const run of runs) {
    for (const s of run.sources) bySource.set(s, (bySource.get(s) ?? 0) + 1);
    const cell = byKey.get(configKey(run.config));
    if (!cell) {
      outside += 1;
      continue;
    }
    for (const s of run.sources) inGrid.set(s, (inGrid.get(s) ?? 0) + 1);
    if (filledBy.has(cell.position)) {
      duplicates += 1;
      continue;
    }
    filledBy.set(cell.position, run.id);
    results.push({ values: cell.values, seed: cell.seed, summary: run.summary, label: cell.label });
  }
  const missingSlots: MissingSlot[] = [];
  for (let slot = 1; slot <= sweep.slots; slot++) {
    const own = grid.filter((r) => r.slot === slot);
    const missing = own.filter((r) => !filledBy.has(r.position));
    if (missing.length) missingSlots.push({ slot, of: own.length, missing: missing.map((r) => `${r.label} · seed ${r.seed}`) });
  }
  const foreignSources = [...bySource.keys()].filter((s) => !inGrid.has(s));
  return { grid, results, filledBy, duplicates, missingSlots, outside, foreignSources, errors: errors.map((e) => `${e.key}: ${e.message}`) };
}
