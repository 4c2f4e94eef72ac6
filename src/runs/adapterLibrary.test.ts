import { describe, expect, it } from 'vitest';
import { decodeAdapter, encodeAdapter } from '../engine/adapters/adapterRecord';
import { configSchema } from '../engine/config/schema';
import type { ExperimentEvent } from '../engine/experiment/events';
import { runsFromJson, runsToJson } from '../share/runFile';
import { adapterFingerprint, startEntry } from '../engine/adapters/startSpec';
import { decodeLink, encodeLink } from '../share/link';
import { adapterLibrary, appendKeepingNewestAdapter, knownAdapters, startOf } from './adapterLibrary';
import type { Run } from './run';

const score = (acc: number) => ({ acc, tokenAcc: acc, loss: 0.5 });
const ev = { task: score(0.5), general: { copy: score(1) }, generalAcc: 1, generalTokenAcc: 1 };
const adapter = encodeAdapter({
  rank: 2,
  alpha: 4,
  targets: ['q', 'v'],
  rslora: false,
  values: Float32Array.from({ length: 24 }, (_, i) => Math.sin(i) / 7),
  rows: { tokens: [30], delta: Float32Array.from({ length: 4 }, (_, i) => i - 1.5) },
});
const summary = { taskGain: 0.4, forgetting: 0.1, taskAcc: 0.9, generalAcc: 0.8, taskTokenAcc: 0.9, generalTokenAcc: 0.8, steps: 5, msPerStep: 2, trainableParams: 24 };
const events: ExperimentEvent[] = [
  { type: 'baseline', eval: ev, evalSize: 128, samples: [] },
  { type: 'eval', step: 5, eval: ev, evalSize: 128, drift: { total: 0.1, byLayer: {} } },
  { type: 'adapter', step: 5, adapter },
  { type: 'done', summary },
];
const run = (id: string, method: 'lora' | 'full', evs = events): Run => ({
  id,
  name: `run ${id}`,
  config: configSchema.parse({ method, task: 'rotate' }),
  backend: 'wasm',
  events: evs,
  status: 'done',
  hidden: false,
  startedAt: 0,
});

describe('the adapter library', () => {
  it('lists the runs that kept an adapter, with task, size and the run’s scores', () => {
    const library = adapterLibrary([run('a', 'lora'), run('b', 'full', events.filter((e) => e.type !== 'adapter'))]);
    expect(library.map((a) => a.id)).toEqual(['a']);
    expect(library[0]).toMatchObject({ task: 'rotate', rank: 2, alpha: 4, params: 28, kb: 0.112, taskAcc: 0.9, generalAcc: 0.8 });
  });

  it('survives export and import of a run file, to the last bit', () => {
    const back = runsFromJson(runsToJson([run('a', 'lora')]));
    expect(back.error).toBeUndefined();
    const again = adapterLibrary(back.runs.map((r, i) => ({ ...run(String(i), 'lora'), ...r })));
    expect(again).toHaveLength(1);
    const [before, after] = [decodeAdapter(adapter), decodeAdapter(again[0].adapter)];
    expect(Array.from(after.values)).toEqual(Array.from(before.values));
    expect(Array.from(after.rows!.delta)).toEqual(Array.from(before.rows!.delta));
  });

  it('an older file without adapter events still imports, with an empty library', () => {
    const old = JSON.parse(runsToJson([run('a', 'lora', events.filter((e) => e.type !== 'adapter'))]));
    const back = runsFromJson(JSON.stringify(old));
    expect(back.error).toBeUndefined();
    expect(adapterLibrary(back.runs.map((r) => ({ ...run('x', 'lora'), ...r })))).toEqual([]);
  });

  it('a file whose adapter values are not base64 is refused by name', () => {
    const bad = JSON.parse(runsToJson([run('a', 'lora')]));
    bad.runs[0].events[2].adapter.values = 'not base64!';
    expect(runsFromJson(JSON.stringify(bad)).error).toMatch(/adapter\.values/);
  });

  it('keeps one adapter event per run, the newest, as a LoRA run sends one at every evaluation; a run in progress is listed as training', () => {
    const early = { type: 'adapter' as const, step: 2, adapter };
    const late = { type: 'adapter' as const, step: 5, adapter: { ...adapter, alpha: 16 } };
    const step = { type: 'step' as const, step: 3, loss: 1, lr: 0.001 };
    const kept = appendKeepingNewestAdapter(appendKeepingNewestAdapter([events[0], early], [step]), [events[1], late]);
    expect(kept).toEqual([events[0], step, events[1], late]);
    const live = { ...run('a', 'lora', kept), status: 'running' as const };
    expect(adapterLibrary([live])[0]).toMatchObject({ step: 5, alpha: 16, training: true, taskAcc: null });
  });

  it('knows an adapter by its fingerprint, from the run that trained it or from a run that started from it, after a run file too', () => {
    const id = adapterFingerprint(adapter);
    const config = configSchema.parse({ start: [startEntry(id, 0.5)] });
    const merged: ExperimentEvent = { type: 'merged', adapters: [{ id, name: 'LoRA rotate', weight: 0.5, adapter }] };
    const follower: Run = { ...run('b', 'full', [merged, ...events.filter((e) => e.type !== 'adapter')]), config };
    expect(adapterLibrary([run('a', 'lora')])[0].fingerprint).toBe(id);
    // The trained run gone, the follower still holds the adapter: a re-run finds it.
    const back = runsFromJson(runsToJson([follower]));
    expect(back.error).toBeUndefined();
    const known = knownAdapters(back.runs.map((r) => ({ ...follower, ...r })));
    expect(known).toEqual([{ id, name: 'LoRA rotate', adapter }]);
    expect(startOf(config.start, known)).toEqual([{ id, name: 'LoRA rotate', weight: 0.5 }]);
    expect(startOf(config.start, [])).toEqual([{ id, name: null, weight: 0.5 }]);
    // A run trained on top of merged adapters says so in the library.
    expect(adapterLibrary([{ ...run('c', 'lora', [merged, ...events]), config: { ...config, method: 'lora' } }])[0].onTopOf).toEqual(['LoRA rotate']);
  });

  it('a start travels in a link, and a bad one is refused by name', () => {
    const config = configSchema.parse({ start: [startEntry('0123456789abcdef', 1), startEntry('fedcba9876543210', -0.25)] });
    const back = decodeLink(`https://lab.example/${encodeLink(config).query}`);
    expect(back.errors).toEqual([]);
    expect(back.config.start).toEqual(config.start);
    const bad = decodeLink('https://lab.example/?v=3&start=letters');
    expect(bad.errors.map((e) => e.key)).toEqual(['start']);
    expect(bad.config.start).toEqual([]);
  });
});
