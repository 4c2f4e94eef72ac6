/**
 * `--adapters FILE.json`: the adapters a config's `start` may name, read from
 * a run file the page exported (or a `lab run --out` file): every LoRA run's
 * adapter and every adapter a run recorded as its start, by fingerprint, as
 * the page finds them (runs/adapterLibrary.ts knownAdapters).
 */
import { readFile } from 'node:fs/promises';
import type { StartAdapter } from '../../src/engine/adapters/startSpec';
import { eventSchema } from '../../src/engine/experiment/eventSchema';
import { knownAdapters } from '../../src/runs/adapterLibrary';
import type { Run } from '../../src/runs/run';
import { runsFromJson, type RunRecordLike } from '../../src/share/runFile';
import { z } from 'zod';
import { resolveConfig } from '../../src/engine/config/keys';

/** A `lab run --out` file: one run's config, backend and events. */
const outFileSchema = z.object({ config: z.unknown(), backend: z.string(), events: z.array(eventSchema) });

export async function readStartAdapters(path: string): Promise<StartAdapter[]> {
  const text = await readFile(path, 'utf8');
  let records: RunRecordLike[];
  const exported = runsFromJson(text);
  if (!exported.error) records = exported.runs;
  else {
    let data: unknown = null;
    try {
      data = JSON.parse(text);
    } catch {
      // Not JSON: runsFromJson's error says so.
    }
    const single = outFileSchema.safeParse(data);
    if (!single.success) throw new Error(`--adapters ${path}: neither a run file the page exported (${exported.error}) nor a lab run --out file`);
    records = [{ name: path, config: resolveConfig(single.data.config).config, backend: single.data.backend, events: single.data.events }];
  }
  const runs: Run[] = records.map((r, i) => ({ ...r, id: `${path}#${i}`, status: 'done', hidden: false, startedAt: i }));
  return knownAdapters(runs);
}
