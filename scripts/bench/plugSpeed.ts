/**
 * Plugging and unplugging in the adapter library: the time to score every
 * ability of the skills base model (general skills and tasks, the whole
 * held-out sets) with nothing, one and two trained adapters plugged in, as the
 * worker does for the page (scorePlugged: build, plug, score). Two short LoRA
 * runs make the adapters; one scoring warms up; each figure is the median of
 * `repeats`, taken round-robin so load from elsewhere weighs on all alike.
 */
import type { AdapterFields } from '../../src/engine/adapters/adapterRecord';
import { scorePlugged } from '../../src/engine/adapters/scorePlugged';
import { configSchema } from '../../src/engine/config/schema';
import type { ScenarioAssets } from '../../src/engine/scenarios/scenario';
import { runOnce } from '../lib/runOnce';

export interface PlugSpeedFigures {
  /** Examples scored per ability. */
  evalSize: number;
  abilities: number;
  /** Median ms: nothing plugged (the base model), one adapter, two adapters; one adapter's first look (a quarter of each set, what the page shows first). */
  noneMs: number;
  previewMs: number;
  previewSize: number;
  oneMs: number;
  twoMs: number;
  repeats: number;
}

async function adapterOf(task: 'letters' | 'rotate', backend: string, assets: ScenarioAssets): Promise<AdapterFields> {
  const run = await runOnce(configSchema.parse({ method: 'lora', task, steps: 20, evalEvery: 20 }), backend, assets);
  const event = run.events.find((e) => e.type === 'adapter');
  if (!event || event.type !== 'adapter') throw new Error(`plug bench: the ${task} LoRA run kept no adapter (${run.error ?? 'no error'})`);
  return event.adapter;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function timePlugging(backend: string, assets: ScenarioAssets, repeats = 5): Promise<PlugSpeedFigures> {
  const letters = await adapterOf('letters', backend, assets);
  const rotate = await adapterOf('rotate', backend, assets);
  const sets = [[], [{ adapter: letters, weight: 1 }], [{ adapter: letters, weight: 1 }, { adapter: rotate, weight: 1 }]];
  const warm = await scorePlugged('skills', assets, sets[1]);
  const previewSize = 32;
  const times: number[][] = [...sets, sets[1]].map(() => []);
  for (let r = 0; r < repeats; r++) {
    for (const [i, plugs] of sets.entries()) times[i].push((await scorePlugged('skills', assets, plugs)).ms);
    times[3].push((await scorePlugged('skills', assets, sets[1], previewSize)).ms);
  }
  const [noneMs, oneMs, twoMs, previewMs] = times.map(median);
  return { evalSize: 128, abilities: Object.keys(warm.scores).length, noneMs, oneMs, twoMs, previewMs, previewSize, repeats };
}
