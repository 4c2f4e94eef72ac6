/**
 * A class sweep: one sweep (knobs, values, seeds on a base config) spread
 * over a class. The instructor's link carries the base config as any
 * experiment link does, and the sweep in `cs=` (versioned, compressed); each
 * participant's browser takes one slot of the grid, dealt round-robin by the
 * command line's `--shard` rule (engine/sweep/shard.ts), from `slot=i/n` in
 * their link, a slot they pick, or a stable hash of their name.
 *
 *   ?v=3&seed=0&method=lora&cs=<sweep>&slot=2/10
 *
 * Nothing about who ran what is needed to merge: each run's settings say
 * which cell of the grid it is (share/classSweepMerge.ts).
 */
import LZString from 'lz-string';
import { z } from 'zod';
import { flattenConfig, type ConfigError } from '../engine/config/keys';
import type { ExperimentConfig } from '../engine/config/schema';
import { readShard, shardOf, shardOfPosition } from '../engine/sweep/shard';
import { expandSweep, type SweepAxis, type SweepRun } from '../engine/sweep/sweep';
import { sweepRunConfig } from '../engine/sweep/loraScaleKept';
import { fnv1a } from './hash';

export const CLASS_SWEEP_PARAM = 'cs';
export const SLOT_PARAM = 'slot';
const FORMAT = 'forgetting-lab-class-sweep/1';
/** More runs than a class would run in a session; keeps a garbled link from expanding into millions. */
const MAX_CLASS_SWEEP_RUNS = 400;

const valueSchema = z.union([z.string().max(100), z.number().finite(), z.boolean(), z.array(z.string().max(20)).max(10)]);
const wireSchema = z.strictObject({
  format: z.literal(FORMAT),
  name: z.string().max(120),
  axes: z.array(z.strictObject({ key: z.string().max(40), values: z.array(valueSchema).min(1).max(40) })).min(1).max(2),
  seeds: z.array(z.number().int()).min(1).max(20),
  slots: z.number().int().min(1).max(MAX_CLASS_SWEEP_RUNS),
  /** A swept LoRA rank brings its alpha along (the sweep panel's "keep the scale"). */
  keepLoraScale: z.boolean(),
});

export interface ClassSweep {
  /** Derived from everything below: the same sweep always has the same id, another sweep another. */
  id: string;
  name: string;
  base: ExperimentConfig;
  axes: SweepAxis[];
  seeds: number[];
  /** How many participants the grid is dealt to. */
  slots: number;
  keepLoraScale: boolean;
}

/** One run of the grid: its place in the whole plan decides its slot. */
export interface ClassSweepRun extends SweepRun {
  position: number;
  slot: number;
}

/** A config as text, equal for equal settings whatever the key order: how a participant's run finds its cell. */
export function configKey(config: ExperimentConfig): string {
  const flat = flattenConfig(config);
  return JSON.stringify(Object.keys(flat).sort().map((k) => [k, flat[k]]));
}

function idOf(sweep: Omit<ClassSweep, 'id'>): string {
  return `class-sweep-${fnv1a(JSON.stringify([configKey(sweep.base), sweep.axes, sweep.seeds, sweep.slots, sweep.keepLoraScale])).toString(36)}`;
}

/** A class sweep from the sweep panel's inputs. */
export function makeClassSweep(input: Omit<ClassSweep, 'id'>): ClassSweep {
  return { ...input, id: idOf(input) };
}

/**
 * Every run of the grid in plan order (the sweep panel's order: the first
 * knob outermost, the seeds inside), with its slot; or why the sweep cannot
 * be run (a value this lab rejects would shift every later run's slot).
 */
export function classSweepRuns(sweep: ClassSweep): { runs: ClassSweepRun[]; errors: ConfigError[] } {
  const plan = expandSweep({ base: sweep.base, axes: sweep.axes, seeds: sweep.seeds });
  if (plan.errors.length) return { runs: [], errors: plan.errors };
  if (plan.runs.length > MAX_CLASS_SWEEP_RUNS) return { runs: [], errors: [{ key: CLASS_SWEEP_PARAM, message: `${plan.runs.length} runs, more than the ${MAX_CLASS_SWEEP_RUNS} a class sweep may hold` }] };
  // Queued as the sweep panel queues them: with the scale kept, a swept rank brings its alpha.
  const runs = plan.runs.map((run, position) => ({ ...run, config: sweepRunConfig(run, sweep.base, sweep.keepLoraScale), position, slot: shardOfPosition(position, sweep.slots) }));
  return { runs, errors: [] };
}

/** The runs one slot takes. */
export function slotRuns(sweep: ClassSweep, runs: readonly ClassSweepRun[], slot: number): ClassSweepRun[] {
  return shardOf(runs, { index: slot, count: sweep.slots }).map((s) => s.item);
}

/** A slot from a participant's name: the same name always gets the same slot (case and spacing aside). */
export function slotOfName(name: string, slots: number): number {
  return (fnv1a(name.trim().replace(/\s+/g, ' ').toLowerCase()) % slots) + 1;
}

/** The link's `cs=…` and, for one participant, `slot=i/n`, to append to the base config's link. */
export function classSweepParams(sweep: ClassSweep, slot?: number): string {
  const wire: z.infer<typeof wireSchema> = {
    format: FORMAT,
    name: sweep.name,
    axes: sweep.axes.map((a) => ({ key: a.key, values: a.values as z.infer<typeof valueSchema>[] })),
    seeds: sweep.seeds,
    slots: sweep.slots,
    keepLoraScale: sweep.keepLoraScale,
  };
  const params = new URLSearchParams({ [CLASS_SWEEP_PARAM]: LZString.compressToEncodedURIComponent(JSON.stringify(wire)) });
  if (slot !== undefined) params.set(SLOT_PARAM, `${slot}/${sweep.slots}`);
  return params.toString();
}

export interface ClassSweepRead {
  sweep: ClassSweep | null;
  /** The slot the link hands this participant, or null (none given, or one that could not be used: see errors). */
  slot: number | null;
  errors: ConfigError[];
}

const clip = (text: string, max = 40) => (text.length > max ? `${text.slice(0, max)}…` : text);

/**
 * A link's class sweep and slot, on the base config the link's settings gave.
 * Never throws: a garbled sweep, a slot outside the grid or malformed is
 * named, and nothing is queued from it.
 */
export function readClassSweep(params: URLSearchParams, base: ExperimentConfig, settingsApplied: boolean): ClassSweepRead {
  const text = params.get(CLASS_SWEEP_PARAM);
  const slotText = params.get(SLOT_PARAM);
  if (text === null) {
    return { sweep: null, slot: null, errors: slotText === null ? [] : [{ key: SLOT_PARAM, message: 'a slot only means something in a class sweep link (one with cs=…)' }] };
  }
  const fail = (message: string): ClassSweepRead => ({ sweep: null, slot: null, errors: [{ key: CLASS_SWEEP_PARAM, message }] });
  if (!settingsApplied) return fail('the class sweep was not opened: its base settings were made for another settings version');
  let json: string | null;
  try {
    json = LZString.decompressFromEncodedURIComponent(text);
  } catch {
    json = null;
  }
  if (!json) return fail('the class sweep is garbled or cut short (could not decompress): ask for the link again');
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    return fail('the class sweep is garbled or cut short (not valid JSON): ask for the link again');
  }
  const parsed = wireSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const format = (data as { format?: unknown } | null)?.format;
    if (typeof format === 'string' && format !== FORMAT) return fail(`the class sweep is in the form '${clip(format)}'; this lab reads ${FORMAT}`);
    return fail(`the class sweep is not in a form this lab reads (${issue.path.join('.') || 'top'}: ${issue.message})`);
  }
  const { format: _format, ...rest } = parsed.data;
  const sweep = makeClassSweep({ ...rest, base });
  const { runs, errors } = classSweepRuns(sweep);
  if (errors.length) return fail(`the class sweep cannot run here (${errors.map((e) => `${e.key}: ${e.message}`).join('; ')})`);

  if (slotText === null) return { sweep, slot: null, errors: [] };
  const slot = readShard(slotText);
  const where = `the class sweep has ${sweep.slots} slot(s), 1 to ${sweep.slots}, for its ${runs.length} run(s)`;
  if (!slot) {
    const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(slotText);
    const message = m ? `slot ${clip(slotText)} is outside the grid: ${where}` : `'${clip(slotText)}' is not a slot: it reads i/n, e.g. 2/${sweep.slots}`;
    return { sweep, slot: null, errors: [{ key: SLOT_PARAM, message: `${message}; pick your slot below` }] };
  }
  if (slot.count !== sweep.slots) return { sweep, slot: null, errors: [{ key: SLOT_PARAM, message: `slot ${slot.index}/${slot.count} is for a class of ${slot.count}, but ${where}; pick your slot below` }] };
  return { sweep, slot: slot.index, errors: [] };
}

