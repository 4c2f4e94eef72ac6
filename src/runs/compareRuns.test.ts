import { describe, expect, it } from 'vitest';
import { applySettings } from '../engine/config/keys';
import { scenarioStart } from '../engine/config/presets';
import type { RunSummary } from '../engine/experiment/events';
import type { ScenarioName } from '../engine/scenarios/names';
import { compareMetrics, compareSettings } from './compareRuns';
import type { Run } from './run';

const SUMMARY: RunSummary = {
  taskGain: 0.5,
  forgetting: 0.2,
  taskAcc: 0.6,
  generalAcc: 0.7,
  taskTokenAcc: 0.8,
  generalTokenAcc: 0.9,
  steps: 100,
  msPerStep: 40,
  trainableParams: 1000,
};

/** A finished run of a scenario with settings on top of its start and the given summary (none: unfinished). */
function run(name: string, scenario: ScenarioName, settings: Record<string, unknown>, summary: Partial<RunSummary> | null): Run {
  const { config, errors } = applySettings(scenarioStart(scenario), settings);
  if (errors.length) throw new Error(errors.map((e) => e.key).join());
  const events: Run['events'] = summary ? [{ type: 'done', summary: { ...SUMMARY, ...summary } }] : [];
  return { id: name, name, config, backend: 'cpu', events, status: summary ? 'done' : 'stopped', hidden: false, startedAt: 0 };
}

describe('compareSettings', () => {
  it('marks exactly the settings that differ, in dotted keys', () => {
    const a = run('a', 'skills', {}, null).config;
    const b = run('b', 'skills', { lr: 0.01, mix: 0.25 }, null).config;
    const rows = compareSettings(a, b);
    expect(rows.filter((r) => r.differs).map((r) => r.key)).toEqual(['mix', 'lr']);
    const lr = rows.find((r) => r.key === 'lr')!;
    expect([lr.a, lr.b, lr.section]).toEqual([a.lr, 0.01, 'lr']);
    expect(rows.find((r) => r.key === 'steps')).toMatchObject({ a: a.steps, b: a.steps, differs: false });
    // Nested settings are compared by value, lists included.
    const lora = compareSettings(a, run('c', 'skills', { 'lora.targets': ['q'] }, null).config).filter((r) => r.differs);
    expect(lora.map((r) => r.key)).toEqual(['lora.targets']);
  });

  it('lists only the keys of the runs’ scenario, and leaves a key blank for a run whose scenario lacks it', () => {
    const skills = run('a', 'skills', {}, null).config;
    const keys = compareSettings(skills, skills).map((r) => r.key);
    expect(keys).toContain('task');
    expect(keys).not.toContain('domain');
    const text = run('t', 'text', {}, null).config;
    const mixed = compareSettings(skills, text);
    expect(mixed.find((r) => r.key === 'domain')).toMatchObject({ a: undefined, b: text.domain, differs: true });
    expect(mixed.find((r) => r.key === 'task')).toMatchObject({ a: skills.task, b: undefined, differs: true });
    expect(mixed.find((r) => r.key === 'scenario')?.differs).toBe(true);
  });

  it('finds nothing different between a config and itself', () => {
    const a = run('a', 'text', { lr: 0.003 }, null).config;
    expect(compareSettings(a, a).some((r) => r.differs)).toBe(false);
  });
});

describe('compareMetrics', () => {
  it('gives b − a per metric and says which run did better, each metric in its own direction', () => {
    const a = run('a', 'skills', {}, { taskGain: 0.9, forgetting: 0.3 });
    const b = run('b', 'skills', { mix: 0.25 }, { taskGain: 0.8, forgetting: 0.1 });
    const { rows, note } = compareMetrics(a, b);
    expect(note).toBeNull();
    const gain = rows.find((r) => r.id === 'taskGain')!;
    expect(gain.delta).toBeCloseTo(-0.1, 12);
    expect(gain.better).toBe('a');
    const forgetting = rows.find((r) => r.id === 'forgetting')!;
    expect(forgetting.delta).toBeCloseTo(-0.2, 12);
    expect(forgetting.better).toBe('b');
    expect(rows.find((r) => r.id === 'taskAcc')?.better).toBe('same');
    // A size has no better.
    expect(rows.find((r) => r.id === 'trainableParams')).toMatchObject({ delta: 0, better: null });
  });

  it('speaks each scenario’s words: exact match and per-token for skills, next-character and bits for text', () => {
    const skills = compareMetrics(run('a', 'skills', {}, {}), run('b', 'skills', {}, {})).rows;
    expect(skills.map((r) => r.label)).toContain('task exact match');
    expect(skills.map((r) => r.id)).toContain('taskTokenAcc');
    expect(skills.map((r) => r.id)).not.toContain('taskBpc');
    const text = compareMetrics(run('a', 'text', {}, { taskBpc: 2.5, generalBpc: 2 }), run('b', 'text', {}, { taskBpc: 2, generalBpc: 2.25 })).rows;
    expect(text.map((r) => r.label)).toContain('domain next-character accuracy');
    expect(text.map((r) => r.id)).not.toContain('taskTokenAcc');
    expect(text.find((r) => r.id === 'taskBpc')).toMatchObject({ delta: -0.5, better: 'b' });
    expect(text.find((r) => r.id === 'generalBpc')).toMatchObject({ delta: 0.25, better: 'a' });
  });

  it('gives no delta for an unfinished run, and says so', () => {
    const { rows, note } = compareMetrics(run('done one', 'skills', {}, {}), run('stopped one', 'skills', {}, null));
    expect(rows.every((r) => r.delta === null && r.b === null)).toBe(true);
    expect(note).toContain('stopped one did not finish');
  });

  it('gives no deltas between runs of two scenarios, and says why', () => {
    const { rows, note } = compareMetrics(run('a', 'skills', {}, {}), run('b', 'text', {}, { taskBpc: 2 }));
    expect(rows.every((r) => r.delta === null)).toBe(true);
    expect(rows.find((r) => r.id === 'taskBpc')).toMatchObject({ a: null, b: 2 });
    expect(note).toMatch(/different scenarios/);
  });
});
