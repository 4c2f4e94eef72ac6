/**
 * A run that starts from the base model with trained adapters merged into
 * its weights (config `start`, adapters/startSpec.ts): the adapters are merged
 * once (mergeAdapters, as PEFT's merge_and_unload), and the run trains on
 * from that checkpoint as from the shipped one. Its baseline is therefore the
 * merged model's (the baseline cache keys on the checkpoint), and right after
 * `start` it records the adapters whole (`merged`), so a re-run or an import
 * of the run file finds them again.
 */
import type { Checkpoint } from '../checkpoint/format';
import type { ExperimentConfig } from '../config/schema';
import type { ExperimentEvent } from '../experiment/events';
import { runExperiment, type RunEnvironment } from '../experiment/run';
import { decodeAdapter } from './adapterRecord';
import { mergeAdapters } from './merge';
import { adapterFingerprint, parseStartEntry, type StartAdapter } from './startSpec';


/** The merged checkpoint of each base, for the newest `start` only: runs of one start share it (and so their baseline). */
const merges = new WeakMap<Checkpoint, { key: string; checkpoint: Checkpoint }>();

async function mergedCheckpoint(base: Checkpoint, key: string, plugs: Parameters<typeof mergeAdapters>[2]): Promise<Checkpoint> {
  const known = merges.get(base);
  if (known?.key === key) return known.checkpoint;
  const checkpoint: Checkpoint = { manifest: base.manifest, values: await mergeAdapters(base.manifest.dims, base.values, plugs) };
  merges.set(base, { key, checkpoint });
  return checkpoint;
}

/** Which of `start`'s adapters `available` lacks, by fingerprint; a message for the run that needs them. */
function missingStartAdapters(start: readonly string[], available: readonly { id: string }[]): string | null {
  const have = new Set(available.map((a) => a.id));
  const missing = start.map((s) => parseStartEntry(s).id).filter((id) => !have.has(id));
  return missing.length
    ? `this run starts from ${missing.length === 1 ? 'an adapter' : 'adapters'} this lab does not hold (${missing.join(', ')}): import the run file that holds ${missing.length === 1 ? 'it' : 'them'} (the LoRA run that trained it, or a run that started from it; on the command line: --adapters FILE)`
    : null;
}

/** runExperiment, from the base with the config's `start` adapters merged in (none: the shipped base, unchanged). */
export async function* runFromStart(config: ExperimentConfig, env: RunEnvironment, adapters: readonly StartAdapter[]): AsyncGenerator<ExperimentEvent, void, undefined> {
  const start = config.start ?? [];
  if (!start.length) {
    yield* runExperiment(config, env);
    return;
  }
  let base: Checkpoint;
  let merged: Extract<ExperimentEvent, { type: 'merged' }>;
  try {
    const missing = missingStartAdapters(start, adapters);
    if (missing) throw new Error(missing);
    const entries = start.map(parseStartEntry).map(({ id, weight }) => {
      const found = adapters.find((a) => a.id === id)!;
      if (adapterFingerprint(found.adapter) !== id) throw new Error(`the adapter given as ${id} (${found.name}) holds other values`);
      return { ...found, weight };
    });
    merged = { type: 'merged', adapters: entries.map(({ id, name, weight, adapter }) => ({ id, name: name.slice(0, 80), weight, adapter })) };
    base = await mergedCheckpoint(
      env.base,
      start.join(','),
      entries.map((e) => ({ adapter: decodeAdapter(e.adapter), weight: e.weight })),
    );
  } catch (err) {
    yield { type: 'error', message: `cannot start from the merged adapters: ${err instanceof Error ? err.message : String(err)}` };
    return;
  }
  for await (const event of runExperiment(config, { ...env, base })) {
    yield event;
    if (event.type === 'start') yield merged;
  }
}
