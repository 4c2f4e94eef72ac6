import { describe, expect, it } from 'vitest';
import { applySettings } from '../engine/config/keys';
import { configSchema, defaultConfig, type ExperimentConfig } from '../engine/config/schema';
import type { ExperimentEvent } from '../engine/experiment/events';
import { makeChallenge } from './challenge';
import { addPastedLinks, addRunFile, challengeStandings, emptyClassView, findLinks, groupClassRuns } from './classView';
import { encodeLink } from './link';
import { toSharedRun } from './results';
import { runsToJson } from './runFile';
import type { Challenge } from './challenge';

const score = (acc: number) => ({ acc, tokenAcc: acc, loss: 0.5 });
const evalOf = (task: number, general: number) => ({ task: score(task), general: { copy: score(general), sort: score(general) }, generalAcc: general, generalTokenAcc: general });

/** A finished run: the base model knows the general skills (1.0) and not the task (0); after training, `after`. */
function finishedRun(name: string, settings: Record<string, unknown>, after: { task: number; general: number; msPerStep: number }) {
  const config: ExperimentConfig = applySettings(defaultConfig(), { ...settings, steps: 20, evalEvery: 10 }).config;
  const events: ExperimentEvent[] = [
    { type: 'baseline', eval: evalOf(0, 1), evalSize: 128, samples: [] },
    { type: 'step', step: 1, loss: 2, lr: 0.001 },
    { type: 'eval', step: 10, eval: evalOf(after.task / 2, (1 + after.general) / 2), evalSize: 12, drift: { total: 0.1, byLayer: { 'h0.attn.q': 0.1 } } },
    { type: 'eval', step: 20, eval: evalOf(after.task, after.general), evalSize: 128, drift: { total: 0.2, byLayer: { 'h0.attn.q': 0.2 } } },
    {
      type: 'done',
      summary: { taskGain: after.task, forgetting: 1 - after.general, taskAcc: after.task, generalAcc: after.general, taskTokenAcc: after.task, generalTokenAcc: after.general, steps: 20, msPerStep: after.msPerStep, trainableParams: 9 },
    },
  ];
  return { name, backend: 'wasm', config, events };
}

type TestRun = ReturnType<typeof finishedRun>;

function resultsLink(runs: TestRun[], options: { participant?: string; challenge?: Challenge } = {}): string {
  const { href } = encodeLink(defaultConfig(), { results: runs.map((r) => toSharedRun(r)!), ...options });
  return `https://lab.example/${href}`;
}

/** The same link as links were written before the fragment: the results in the query (`?…&r=…`). */
const asQueryLink = (link: string) => link.replace('#r=', '&r=');

const mixRun = finishedRun('mix 0.5', { mix: 0.5 }, { task: 120 / 128, general: 121 / 128, msPerStep: 31.234567891 });
const loraRun = finishedRun('LoRA r1', { method: 'lora', 'lora.rank': 1, 'lora.alpha': 2 }, { task: 1, general: 124 / 128, msPerStep: 28.5 });
const plainRun = finishedRun('Ignore forgetting', {}, { task: 1, general: 40 / 128, msPerStep: 30.75 });
const under10 = makeChallenge(defaultConfig(), { title: 'Keep it under 10', goal: { forgetting: 10, gain: 90 }, lock: ['task'], hide: [], preset: 'ignore' });

describe('the class view', () => {
  it("shows each participant's runs from their results links, under their names", () => {
    const text = [resultsLink([mixRun], { participant: 'Ana' }), resultsLink([loraRun], { participant: 'Ben' }), resultsLink([plainRun], { participant: 'Chloé' })].join('\n');
    const view = addPastedLinks(emptyClassView(), text);
    expect(view.sources.map((s) => [s.label, s.participant, s.runs, s.error])).toEqual([
      ['link 1', 'Ana', 1, undefined],
      ['link 2', 'Ben', 1, undefined],
      ['link 3', 'Chloé', 1, undefined],
    ]);
    expect(view.runs.map((r) => [r.participant, r.name, r.config.method])).toEqual([
      ['Ana', 'mix 0.5', 'full'],
      ['Ben', 'LoRA r1', 'lora'],
      ['Chloé', 'Ignore forgetting', 'full'],
    ]);
    expect(view.runs[0].summary.forgetting).toBeCloseTo(7 / 128, 12);
    expect(new Set(view.runs.map((r) => r.id)).size).toBe(3);
  });

  it('reads results links in both forms: the fragment (#r=…) and the older query (?r=…)', () => {
    const fragment = resultsLink([mixRun], { participant: 'Ana' });
    expect(fragment).toContain('#r=');
    const query = asQueryLink(resultsLink([loraRun], { participant: 'Ben' }));
    expect(query).not.toContain('#');
    const view = addPastedLinks(emptyClassView(), `Ana: ${fragment}\nBen: ${query}`);
    expect(view.sources.map((s) => [s.participant, s.runs, s.error])).toEqual([
      ['Ana', 1, undefined],
      ['Ben', 1, undefined],
    ]);
    expect(view.runs.map((r) => r.name)).toEqual(['mix 0.5', 'LoRA r1']);
  });

  it('counts a run pasted twice once, and says where it came from', () => {
    const link = resultsLink([mixRun, loraRun], { participant: 'Ana' });
    const view = addPastedLinks(addPastedLinks(emptyClassView(), link), `again: ${link}`);
    expect(view.runs).toHaveLength(2);
    expect(view.sources[1]).toMatchObject({ label: 'link 2', runs: 2, duplicates: 2 });
    expect(view.runs[0].sources).toEqual(['link 1', 'link 2']);
  });

  it('counts a run once when it comes in a link and in an exported file (rounded in the link, exact in the file)', () => {
    const fromLink = addPastedLinks(emptyClassView(), resultsLink([mixRun], { participant: 'Ana' }));
    const view = addRunFile(fromLink, runsToJson([mixRun, plainRun], { participant: 'Ana' }), 'ana.json');
    expect(view.runs.map((r) => r.name)).toEqual(['mix 0.5', 'Ignore forgetting']);
    expect(view.sources[1]).toMatchObject({ participant: 'Ana', runs: 2, duplicates: 1 });
    expect(view.runs[0].sources).toEqual(['link 1', 'ana.json']);
  });

  it('keeps two separate runs of the same settings apart (two participants, same seed)', () => {
    const again = { ...mixRun, events: mixRun.events.map((e) => (e.type === 'done' ? { ...e, summary: { ...e.summary, msPerStep: 44.1 } } : e)) };
    const view = addPastedLinks(emptyClassView(), `${resultsLink([mixRun], { participant: 'Ana' })}\n${resultsLink([again], { participant: 'Ben' })}`);
    expect(view.runs.map((r) => r.participant)).toEqual(['Ana', 'Ben']);
  });

  it('names each bad link, text or file with its reason and loses nothing else', () => {
    const good = resultsLink([mixRun], { participant: 'Ana' });
    const garbled = `${resultsLink([loraRun], { participant: 'Ben' }).slice(0, -40)}`;
    const experimentOnly = `https://lab.example/${encodeLink(defaultConfig()).query}`;
    let view = addPastedLinks(emptyClassView(), [good, garbled, 'thanks everyone!', experimentOnly].join('\n'));
    view = addRunFile(view, '{"runs": [', 'broken.json');
    view = addRunFile(view, JSON.stringify({ format: 'something else' }), 'other.json');
    expect(view.runs.map((r) => r.participant)).toEqual(['Ana']);
    const errors = Object.fromEntries(view.sources.map((s) => [s.label, s.error]));
    expect(errors['pasted text']).toMatch(/line 3 \('thanks everyone!'\) holds no link/);
    expect(errors['link 1']).toBeUndefined();
    expect(errors['link 2']).toMatch(/its results: the shared results are garbled/);
    expect(errors['link 3']).toMatch(/no results/);
    expect(errors['broken.json']).toMatch(/not valid JSON/);
    expect(errors['other.json']).toMatch(/not a Forgetting Lab export/);
  });

  it('leaves out runs that did not finish, by name, and keeps the file name as the participant when the file has none', () => {
    const stopped = { ...plainRun, name: 'stopped one', events: plainRun.events.slice(0, 3) };
    const view = addRunFile(emptyClassView(), runsToJson([mixRun, stopped]), 'dan.json');
    expect(view.runs.map((r) => [r.participant, r.name])).toEqual([['dan', 'mix 0.5']]);
    expect(view.sources[0].skipped).toEqual(["1 run(s) that did not finish: 'stopped one'"]);
  });

  it('finds links among chat text and punctuation', () => {
    const link = resultsLink([mixRun], { participant: 'Ana' });
    expect(findLinks(`Ana: <${link}>,\n\n(${link})`).links).toEqual([link, link]);
  });
});

describe('the best run per challenge', () => {
  const rotateRun = finishedRun('rotate, no forgetting', { task: 'rotate' }, { task: 1, general: 1, msPerStep: 30 });

  it('is picked among the runs shared under the challenge that meet it, by the stated rule', () => {
    const links = [
      resultsLink([mixRun, plainRun], { participant: 'Ana', challenge: under10 }),
      resultsLink([loraRun], { participant: 'Ben', challenge: under10 }),
      // Better numbers, but the task was changed although the challenge locks it.
      resultsLink([rotateRun], { participant: 'Cat', challenge: under10 }),
      // Not shared under any challenge: shown, but in no standing.
      resultsLink([finishedRun('perfect', {}, { task: 1, general: 1, msPerStep: 29 })], { participant: 'Dev' }),
    ].join('\n');
    const view = addPastedLinks(emptyClassView(), links);
    const [standing] = challengeStandings(view);
    expect(challengeStandings(view)).toHaveLength(1);
    expect(standing.challenge.title).toBe('Keep it under 10');
    expect(standing.entered.map((r) => r.participant)).toEqual(['Ana', 'Ana', 'Ben', 'Cat']);
    expect(standing.met).toBe(2);
    // Ben's LoRA run forgets 4/128 = 3.1 points, Ana's mix run 7/128 = 5.5.
    expect(standing.best?.participant).toBe('Ben');
  });

  it('groups links of one challenge together whatever else their settings say, and counts a file exported under it', () => {
    const moreMix = finishedRun('mix 0.7', { mix: 0.7 }, { task: 1, general: 127 / 128, msPerStep: 33 });
    let view = addPastedLinks(emptyClassView(), resultsLink([loraRun], { participant: 'Ben', challenge: under10 }));
    const challengeLink = `https://lab.example/${encodeLink(configSchema.parse({ mix: 0.3 }), { challenge: under10 }).query}`;
    view = addRunFile(view, runsToJson([moreMix], { participant: 'Eve', challengeLink }), 'eve.json');
    const standings = challengeStandings(view);
    expect(standings).toHaveLength(1);
    expect(standings[0].entered.map((r) => r.participant)).toEqual(['Ben', 'Eve']);
    expect(standings[0].best?.participant).toBe('Eve');
  });

  it('is none when no run meets the challenge', () => {
    const view = addPastedLinks(emptyClassView(), resultsLink([plainRun], { participant: 'Ana', challenge: under10 }));
    expect(challengeStandings(view)[0]).toMatchObject({ met: 0, best: null });
  });
});

describe('the class view by scenario', () => {
  it('groups runs by scenario, then by the challenge they were shared under', () => {
    const textRun = finishedRun('Near prose', { scenario: 'text' }, { task: 0.3, general: 0.5, msPerStep: 12.5 });
    let view = addPastedLinks(emptyClassView(), resultsLink([mixRun], { participant: 'Ana', challenge: under10 }));
    view = addPastedLinks(view, resultsLink([textRun], { participant: 'Ben' }));
    view = addPastedLinks(view, resultsLink([plainRun], { participant: 'Chloé' }));
    const groups = groupClassRuns(view);
    expect(groups.map((g) => [g.scenario, g.runs.map((r) => r.name)])).toEqual([
      [mixRun.config.scenario, ['mix 0.5', 'Ignore forgetting']],
      [textRun.config.scenario, ['Near prose']],
    ]);
    expect(groups[0].challenges.map((c) => [c.key === null ? null : view.challenges.find((x) => x.key === c.key)?.challenge.title, c.runs.map((r) => r.name)])).toEqual([
      ['Keep it under 10', ['mix 0.5']],
      [null, ['Ignore forgetting']],
    ]);
    expect(groups[1].challenges).toEqual([{ key: null, runs: [groups[1].runs[0]] }]);
  });
});
