/** `lab run --adapters FILE`: the adapters a start may name, from a page export or a `lab run --out` file. */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeAdapter } from '../src/engine/adapters/adapterRecord';
import { adapterFingerprint } from '../src/engine/adapters/startSpec';
import { configSchema } from '../src/engine/config/schema';
import type { ExperimentEvent } from '../src/engine/experiment/events';
import { runsToJson } from '../src/share/runFile';
import { readStartAdapters } from './lib/startAdapters';

const adapter = encodeAdapter({ rank: 2, alpha: 4, targets: ['q'], rslora: false, values: Float32Array.from({ length: 16 }, (_, i) => i / 10) });
const config = configSchema.parse({ method: 'lora' });
const events: ExperimentEvent[] = [
  { type: 'start', config, backend: 'cpu', params: { total: 10, trainable: 10 } },
  { type: 'adapter', step: 5, adapter },
];

describe('--adapters FILE', () => {
  it('reads a LoRA run’s adapter by its fingerprint from a page export and from a lab run --out file, and refuses anything else by name', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'start-adapters-'));
    const exported = join(dir, 'runs.json');
    await writeFile(exported, runsToJson([{ name: 'LoRA letters', config, backend: 'cpu', events }]));
    const out = join(dir, 'out.json');
    await writeFile(out, JSON.stringify({ config, backend: 'cpu', events, summary: null }));
    const id = adapterFingerprint(adapter);
    expect(await readStartAdapters(exported)).toEqual([{ id, name: 'LoRA letters', adapter }]);
    expect((await readStartAdapters(out)).map((a) => a.id)).toEqual([id]);
    const bad = join(dir, 'bad.json');
    await writeFile(bad, JSON.stringify({ hello: 1 }));
    await expect(readStartAdapters(bad)).rejects.toThrow(/neither a run file the page exported .* nor a lab run --out file/);
    await writeFile(bad, 'not json');
    await expect(readStartAdapters(bad)).rejects.toThrow(/not valid JSON/);
  });
});
