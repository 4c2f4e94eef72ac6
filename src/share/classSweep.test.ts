import { describe, expect, it } from 'vitest';
import { applySettings } from '../engine/config/keys';
import { defaultConfig, type ExperimentConfig } from '../engine/config/schema';
import type { ExperimentEvent } from '../engine/experiment/events';
import { leverCurve, leverGrid, type SweepResult } from '../engine/sweep/aggregate';
import { sweepRunConfig } from '../engine/sweep/loraScaleKept';
import { expandSweep } from '../engine/sweep/sweep';
import { classSweepParams, classSweepRuns, configKey, makeClassSweep, slotOfName, slotRuns, type ClassSweep } from './classSweep';
import { mergeClassSweep } from './classSweepMerge';
import { addPastedLinks, addRunFile, emptyClassView, type ClassView } from './classView';
import { fnv1a } from './hash';
import { decodeLink, encodeLink } from './link';
import { toSharedRun } from './results';
import { runsToJson } from './runFile';

const score = (acc: number) => ({ acc, tokenAcc: acc, loss: 0.5 });
const evalOf = (task: number, general: number) => ({ task: score(task), general: { copy: score(general), sort: score(general) }, generalAcc: general, generalTokenAcc: general });

/**
 * A stand-in for training: the same config always gives the same scores (as
 * a real run on one backend does), another config other scores; only the wall
 * time differs from one browser to the next.
 */
function fakeRun(config: ExperimentConfig, name: string, msPerStep: number) {
  const h = fnv1a(configKey(config));
  const task = (h % 129) / 128;
  const general = ((h >>> 8) % 129) / 128;
  const events: ExperimentEvent[] = [
    { type: 'baseline', eval: evalOf(0, 1), evalSize: 128, samples: [] },
    { type: 'eval', step: config.steps, eval: evalOf(task, general), evalSize: 128, drift: { total: 0.2, byLayer: { 'h0.attn.q': 0.2 } } },
    {
      type: 'done',
      summary: { taskGain: task, forgetting: 1 - general, taskAcc: task, generalAcc: general, taskTokenAcc: task, generalTokenAcc: general, steps: config.steps, msPerStep, trainableParams: 9 },
    },
  ];
  return { name, backend: 'wasm', config, events };
}

const summaryOf = (run: ReturnType<typeof fakeRun>) => {
  const done = run.events.at(-1)!;
  if (done.type !== 'done') throw new Error('unfinished');
  return done.summary;
};

const base = applySettings(defaultConfig(), { method: 'lora', 'lora.rank': 4, 'lora.alpha': 8, steps: 20, evalEvery: 10, seed: 3 }).config;
const oneKnob = makeClassSweep({ name: 'mix sweep · LoRA', base, axes: [{ key: 'mix', values: [0, 0.25, 0.5, 0.75] }], seeds: [3, 4, 5], slots: 3, keepLoraScale: true });
const twoKnobs = makeClassSweep({ name: 'rank × lr sweep', base, axes: [{ key: 'lora.rank', values: [1, 4, 16] }, { key: 'lr', values: [1e-4, 1e-3] }], seeds: [3, 4], slots: 3, keepLoraScale: true });

/** The instructor's class sweep link: the base settings as any experiment link, and the sweep. */
const classLink = (sweep: ClassSweep, slot?: number) => `https://lab.example/sub/${encodeLink(sweep.base).href}&${classSweepParams(sweep, slot)}`;

/** One participant: opens their slot's link, runs their slice, and shares a results link under their name. */
function participant(sweep: ClassSweep, slot: number, name: string, msPerStep = 30 + slot): string {
  const state = decodeLink(classLink(sweep, slot));
  expect(state.classSweepErrors).toEqual([]);
  expect(state.slot).toBe(slot);
  const opened = state.classSweep!;
  const runs = slotRuns(opened, classSweepRuns(opened).runs, slot).map((r) => fakeRun(r.config, `${r.label} · seed ${r.seed}`, msPerStep));
  return `https://lab.example/sub/${encodeLink(state.config, { results: runs.map((r) => toSharedRun(r)!), participant: name }).href}`;
}

/** One browser running the whole grid as the sweep panel queues it. */
function wholeGrid(sweep: ClassSweep): SweepResult[] {
  const plan = expandSweep({ base: sweep.base, axes: sweep.axes, seeds: sweep.seeds });
  return plan.runs.map((run) => {
    const done = fakeRun(sweepRunConfig(run, sweep.base, sweep.keepLoraScale), run.label, 40);
    return { values: run.values, seed: run.seed, summary: summaryOf(done), label: run.label };
  });
}

function classOf(sweep: ClassSweep, links: string[]): ClassView {
  return addPastedLinks(addPastedLinks(emptyClassView(), classLink(sweep)), links.join('\n'));
}

describe('a class sweep', () => {
  it('travels in a link: the base settings, the axes, the seeds, the slots, and a slot', () => {
    const state = decodeLink(classLink(oneKnob, 2));
    expect(state.errors).toEqual([]);
    expect(state.classSweepErrors).toEqual([]);
    expect(state.classSweep).toEqual(oneKnob);
    expect(state.slot).toBe(2);
    expect(configKey(state.config)).toBe(configKey(base));
    // Another sweep is another id.
    expect(makeClassSweep({ ...oneKnob, seeds: [3, 4] }).id).not.toBe(oneKnob.id);
  });

  it("deals the grid round-robin, the command line's --shard rule: the slots cover it exactly once", () => {
    const { runs } = classSweepRuns(oneKnob);
    expect(runs).toHaveLength(12);
    const dealt = [1, 2, 3].flatMap((slot) => slotRuns(oneKnob, runs, slot).map((r) => r.position));
    expect(dealt.sort((a, b) => a - b)).toEqual(runs.map((r) => r.position));
    expect(slotRuns(oneKnob, runs, 2).map((r) => r.position)).toEqual([1, 4, 7, 10]);
  });

  it('three participants with three slots give exactly the lever curve of one browser running the whole grid', () => {
    const view = classOf(oneKnob, [participant(oneKnob, 1, 'Ana'), participant(oneKnob, 2, 'Ben'), participant(oneKnob, 3, 'Chloé')]);
    expect(view.sweep?.id).toBe(oneKnob.id);
    const merged = mergeClassSweep(view.sweep!, view.runs);
    expect(merged.missingSlots).toEqual([]);
    expect(merged.duplicates).toBe(0);
    expect(merged.outside).toBe(0);
    const whole = leverCurve(oneKnob.axes, wholeGrid(oneKnob));
    expect(whole).toHaveLength(4);
    expect(whole.every((p) => p.n === 3 && p.forgetting.sd !== null)).toBe(true);
    expect(leverCurve(oneKnob.axes, merged.results)).toEqual(whole);
  });

  it('and exactly the heatmap of a two-knob grid (a swept rank keeps the LoRA scale, as the sweep panel queues it)', () => {
    const view = classOf(twoKnobs, [participant(twoKnobs, 3, 'Chloé'), participant(twoKnobs, 1, 'Ana'), participant(twoKnobs, 2, 'Ben')]);
    const merged = mergeClassSweep(view.sweep!, view.runs);
    expect(merged.results).toHaveLength(12);
    const [x, y] = twoKnobs.axes;
    expect(leverGrid([x, y], merged.results)).toEqual(leverGrid([x, y], wholeGrid(twoKnobs)));
    expect(new Set(classSweepRuns(twoKnobs).runs.map((r) => r.config.lora.alpha / r.config.lora.rank))).toEqual(new Set([2]));
  });

  it('counts a run once whether its link is pasted twice or two participants ran the same slot', () => {
    const ana = participant(oneKnob, 1, 'Ana');
    const again = participant(oneKnob, 1, 'Dev', 55); // slot 1 run a second time, on another laptop
    const view = classOf(oneKnob, [ana, participant(oneKnob, 2, 'Ben'), ana, participant(oneKnob, 3, 'Chloé'), again]);
    expect(view.sources.filter((s) => s.kind === 'link' && s.duplicates > 0).map((s) => s.participant)).toEqual(['Ana']);
    const merged = mergeClassSweep(view.sweep!, view.runs);
    expect(merged.duplicates).toBe(4);
    expect(leverCurve(oneKnob.axes, merged.results)).toEqual(leverCurve(oneKnob.axes, wholeGrid(oneKnob)));
  });

  it('names the slots nobody has run, and what each is missing; the curve has the rest, with fewer seeds', () => {
    // Slot 2 of 3 holds positions 1, 4, 7, 10: with three seeds inside each value, the second seed of every value.
    const view = classOf(oneKnob, [participant(oneKnob, 1, 'Ana'), participant(oneKnob, 3, 'Chloé')]);
    const merged = mergeClassSweep(view.sweep!, view.runs);
    expect(merged.missingSlots).toEqual([{ slot: 2, of: 4, missing: ['mix 0 · seed 4', 'mix 0.25 · seed 4', 'mix 0.5 · seed 4', 'mix 0.75 · seed 4'] }]);
    const curve = leverCurve(oneKnob.axes, merged.results);
    expect(curve.map((p) => p.n)).toEqual([2, 2, 2, 2]);
  });

  it('names a results file from another class sweep, and keeps it in the class view', () => {
    // No cell in common (a cell shared with this grid would be the same experiment, and count).
    const other = makeClassSweep({ ...oneKnob, name: 'lr sweep', axes: [{ key: 'lr', values: [2e-4, 5e-4] }] });
    const theirs = slotRuns(other, classSweepRuns(other).runs, 1).map((r) => fakeRun(r.config, r.label, 33));
    let view = classOf(oneKnob, [participant(oneKnob, 1, 'Ana')]);
    view = addRunFile(view, runsToJson(theirs, { participant: 'Eve' }), 'eve.json');
    const merged = mergeClassSweep(view.sweep!, view.runs);
    expect(merged.foreignSources).toEqual(['eve.json']);
    expect(merged.outside).toBe(theirs.length);
    expect(view.runs.filter((r) => r.participant === 'Eve')).toHaveLength(theirs.length);
  });

  it('refuses a slot outside the grid or malformed, naming the slots there are; the sweep itself still opens', () => {
    for (const [slot, words] of [
      ['4/3', /slot 4\/3 is outside the grid: the class sweep has 3 slot\(s\), 1 to 3/],
      ['0/3', /outside the grid/],
      ['2/10', /slot 2\/10 is for a class of 10, but the class sweep has 3 slot\(s\)/],
      ['two', /'two' is not a slot: it reads i\/n, e.g. 2\/3/],
      ['', /is not a slot/],
    ] as const) {
      const state = decodeLink(`${classLink(oneKnob)}&slot=${encodeURIComponent(slot)}`);
      expect(state.classSweep?.id, slot).toBe(oneKnob.id);
      expect(state.slot, slot).toBeNull();
      expect(state.classSweepErrors.map((e) => e.message).join(' '), slot).toMatch(words);
    }
  });

  it('refuses a garbled or foreign class sweep with a reason, and a slot without one', () => {
    const cut = classLink(oneKnob).slice(0, -12);
    expect(decodeLink(cut).classSweep).toBeNull();
    expect(decodeLink(cut).classSweepErrors[0].message).toMatch(/garbled or cut short/);
    const view = addPastedLinks(emptyClassView(), cut);
    expect(view.sweep).toBeNull();
    expect(view.sources[0].error).toMatch(/its class sweep: the class sweep is garbled/);
    expect(decodeLink(`${encodeLink(base).href}&slot=1/3`).classSweepErrors[0].message).toMatch(/only means something in a class sweep link/);
  });

  it("gives a participant's name a stable slot in range", () => {
    expect(slotOfName('Ana', 7)).toBe(slotOfName('  ana ', 7));
    const slots = ['Ana', 'Ben', 'Chloé', 'Dev', 'Eve', 'Femi', 'Gus', 'Hana', 'Ivo', 'Jun'].map((n) => slotOfName(n, 4));
    expect(slots.every((s) => s >= 1 && s <= 4)).toBe(true);
    expect(new Set(slots).size).toBeGreaterThan(1);
  });
});
