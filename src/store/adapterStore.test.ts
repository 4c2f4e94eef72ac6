import { describe, expect, it } from 'vitest';
import type { AdapterFields, Plug } from '../engine/adapters/adapterRecord';
import type { LibraryAdapter } from '../runs/adapterLibrary';
import { createAdapterStore } from './adapterStore';

const entry = (id: string, scenario: 'skills' | 'text' = 'skills'): LibraryAdapter => ({
  id,
  fingerprint: id.padEnd(16, '0'),
  onTopOf: [],
  name: `run ${id}`,
  scenario,
  task: 'letters',
  rank: 4,
  alpha: 8,
  params: 10,
  kb: 0.04,
  taskAcc: 1,
  generalAcc: 1,
  adapter: { rank: 4, alpha: 8, targets: ['q'], rslora: false, values: '' },
  step: 150,
  training: false,
});

/** A worker stand-in: the task score is the sum of the weights plugged (plus 100 on a first look); each call as 'weights|examples'. */
function fakeEvaluate() {
  const calls: string[] = [];
  const evaluate = async (_scenario: string, plugs: Plug<AdapterFields>[], preview?: number) => {
    calls.push(`${plugs.map((p) => p.weight).join(',')}|${preview ?? 'all'}`);
    return { scores: { letters: { acc: plugs.reduce((n, p) => n + p.weight, 0) + (preview ? 100 : 0), tokenAcc: 0, loss: 0 } }, general: [], ms: 1 };
  };
  return { calls, evaluate };
}

describe('the adapter store', () => {
  it('scores the base once, then what is plugged, with each weight; the switch off is the base', async () => {
    const { calls, evaluate } = fakeEvaluate();
    const store = createAdapterStore(evaluate);
    const library = [entry('a'), entry('b'), entry('t', 'text')];
    store.getState().setPlug('a', 1);
    store.getState().setPlug('b', 0.5);
    store.getState().setPlug('t', 2); // another scenario's: not plugged into this one
    // Each result the panel sees: a first look on a quarter of the 128 examples beside the base's on the same, then the whole sets.
    const seen: Array<[number | null, number, number]> = [];
    const unsubscribe = store.subscribe((s) => {
      const r = s.result;
      if (r && seen.at(-1)?.[0] !== r.preview) seen.push([r.preview, r.scores.letters.acc, r.baseScores.scores.letters.acc]);
    });
    await store.getState().evaluate('skills', library);
    unsubscribe();
    expect(calls).toEqual(['|all', '|32', '1,0.5|32', '1,0.5|all']);
    expect(seen).toEqual([
      [32, 101.5, 100],
      [null, 1.5, 0],
    ]);
    store.getState().setOn(false);
    await store.getState().evaluate('skills', library);
    expect(calls).toHaveLength(4); // the base is known: no new call
    expect(store.getState().result?.plugs).toEqual({});
    expect(store.getState().result?.scores.letters.acc).toBe(0);
  });

  it("takes the base model's scores from the lab where it has them: the first plug never scores it on the whole sets", async () => {
    const { calls, evaluate } = fakeEvaluate();
    const base = { scores: { letters: { acc: 0.25, tokenAcc: 0, loss: 0 } }, general: [], ms: 1 };
    const store = createAdapterStore(evaluate, (scenario) => (scenario === 'skills' ? base : undefined));
    store.getState().setPlug('a', 1);
    await store.getState().evaluate('skills', [entry('a')]);
    expect(calls).toEqual(['|32', '1|32', '1|all']); // the base only on the first look's examples, never on the whole sets
    expect(store.getState().base.skills).toBe(base);
  });

  it('a weight that is not a number is said, not sent', async () => {
    const { calls, evaluate } = fakeEvaluate();
    const store = createAdapterStore(evaluate);
    store.getState().setPlug('a', Number.NaN);
    await store.getState().evaluate('skills', [entry('a')]);
    expect(calls).toEqual([]);
    expect(store.getState().error).toMatch(/weight of run a must be a number/);
  });

  it('a failing worker is reported', async () => {
    const store = createAdapterStore(async () => {
      throw new Error('the adapter holds 3 values, but rank 4 needs 8');
    });
    await store.getState().evaluate('skills', [entry('a')]);
    expect(store.getState().error).toMatch(/rank 4 needs 8/);
    expect(store.getState().busy).toBe(false);
  });
});
