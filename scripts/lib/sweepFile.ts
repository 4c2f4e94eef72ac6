/**
 * A sweep's JSON (`lab sweep --json`, format forgetting-lab-sweep/1), read
 * back and merged: the shards of one sweep (`--shard i/n`), made in several
 * processes or machines, give with `lab sweep --from a.json --from b.json`
 * exactly the runs, curve and grid of the sweep made in one place.
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { configSchema, type ExperimentConfig } from '../../src/engine/config/schema';
import { summarySchema } from '../../src/engine/experiment/eventSchema';
import { expandSweep, type SweepAxis, type SweepRun } from '../../src/engine/sweep/sweep';

const runSchema = z.object({
  label: z.string(),
  values: z.record(z.string(), z.unknown()),
  seed: z.number().int(),
  config: configSchema,
  summary: summarySchema.nullable(),
  error: z.string().optional(),
  wallMs: z.number(),
});

const sweepFileSchema = z.object({
  format: z.literal('forgetting-lab-sweep/1'),
  spec: z.object({ base: configSchema, axes: z.array(z.object({ key: z.string(), values: z.array(z.unknown()) })), seeds: z.array(z.number().int()) }),
  workers: z.number().int(),
  seconds: z.number(),
  runs: z.array(runSchema),
  shard: z.object({ index: z.number().int().min(1), count: z.number().int().min(1) }).optional(),
});

export type SweepFile = z.infer<typeof sweepFileSchema>;
type SweepFileRun = SweepFile['runs'][number];

export async function readSweepFile(path: string): Promise<SweepFile> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, 'utf8'));
  } catch (err) {
    throw new Error(`${path}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
  const parsed = sweepFileSchema.safeParse(json);
  if (!parsed.success) throw new Error(`${path} is not a sweep this lab reads (${parsed.error.issues[0].path.join('.')}: ${parsed.error.issues[0].message})`);
  return parsed.data;
}

export interface MergedSweep {
  base: ExperimentConfig;
  axes: SweepAxis[];
  seeds: number[];
  /** The whole plan, in plan order. */
  plan: SweepRun[];
  /** Per run of the plan, what a file gave for it, or null where no file had it. */
  runs: (SweepFileRun | null)[];
  /** Labels and seeds of the runs no file had. */
  missing: string[];
  seconds: number;
}

const key = (label: string, seed: number) => `${label}\u0000${seed}`;

/**
 * Sweep files of one spec as one sweep. Refuses files of another spec and a
 * run given twice with different numbers (a run given twice alike counts
 * once); names the runs no file has, which the curve then lacks.
 */
export function mergeSweeps(files: { path: string; sweep: SweepFile }[]): MergedSweep {
  const [first] = files;
  const spec = JSON.stringify(first.sweep.spec);
  for (const f of files) {
    if (JSON.stringify(f.sweep.spec) !== spec) throw new Error(`${f.path} is another sweep than ${first.path} (its base config, swept values or seeds differ)`);
  }
  const { base, axes, seeds } = first.sweep.spec;
  const plan = expandSweep({ base, axes: axes as SweepAxis[], seeds }).runs;
  const given = new Map<string, SweepFileRun>();
  for (const { path, sweep } of files) {
    for (const run of sweep.runs) {
      const k = key(run.label, run.seed);
      const before = given.get(k);
      if (before && JSON.stringify(numbers(before)) !== JSON.stringify(numbers(run))) {
        throw new Error(`${path}: '${run.label}' seed ${run.seed} is in another file with other numbers`);
      }
      if (!before) given.set(k, run);
    }
  }
  const runs = plan.map((run) => given.get(key(run.label, run.seed)) ?? null);
  return {
    base,
    axes: axes as SweepAxis[],
    seeds,
    plan,
    runs,
    missing: plan.flatMap((run, i) => (runs[i] ? [] : [`'${run.label}' seed ${run.seed}`])),
    seconds: files.reduce((t, f) => t + f.sweep.seconds, 0),
  };
}

/** What a run measured, without its timings (the only numbers that differ between machines). */
function numbers(run: SweepFileRun) {
  const { msPerStep: _, ...summary } = run.summary ?? {};
  return { summary, error: run.error ?? null };
}
