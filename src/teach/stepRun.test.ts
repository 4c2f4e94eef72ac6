/** A step finds the participant's run by its settings, and never answers from a run that did not finish. */
import { describe, expect, it } from 'vitest';
import { applySettings } from '../engine/config/keys';
import { presetConfig } from '../engine/config/presets';
import { fakeRun } from './fakeRuns';
import { LESSONS } from './lessons';
import { finishedRunFor, latestRunFor, stepState, type StepSetup } from './stepRun';

const lesson = LESSONS[0];
const step = (id: string) => lesson.steps.find((s) => s.id === id)!;
const setupOf = (preset: string, settings: Record<string, unknown> = {}): StepSetup => ({ config: applySettings(presetConfig(preset), settings).config, kept: [] });
const BEFORE = { copy: 1, reverse: 1, sort: 1, successor: 1, task: 0 };
const fell = { step: 20, acc: { copy: 0.5, reverse: 0.2, sort: 0.6, successor: 0.9, task: 1 } };

describe('the run of a step', () => {
  it('is the newest run with the step’s levers; steps, seed and evaluation settings may differ', () => {
    const setup = setupOf('mix');
    const older = fakeRun({ settings: { mix: 0.25 }, before: BEFORE, points: [fell], startedAt: 1 });
    const shorter = fakeRun({ settings: { mix: 0.25, steps: 20, seed: 7, evalEvery: 5 }, before: BEFORE, points: [fell], startedAt: 2 });
    const otherLever = fakeRun({ settings: { mix: 0.5 }, before: BEFORE, points: [fell], startedAt: 3 });
    const shared = fakeRun({ settings: { mix: 0.25 }, before: BEFORE, points: [fell], startedAt: 4, origin: 'shared' });
    expect(latestRunFor([older, shorter, otherLever, shared], setup.config)).toBe(shorter);
  });

  it('finished: a stopped run newer than a finished one does not hide it', () => {
    const setup = setupOf('ignore');
    const done = fakeRun({ before: BEFORE, points: [fell], startedAt: 1 });
    const stopped = fakeRun({ before: BEFORE, points: [fell], startedAt: 2, unfinished: true });
    expect(finishedRunFor([done, stopped], setup.config)).toBe(done);
    expect(latestRunFor([done, stopped], setup.config)).toBe(stopped);
  });
});

describe('a step set up after its settings were already run', () => {
  it('waits for a run of its own: a run started before the set-up does not answer it', () => {
    const ignore = step('ignore');
    const before = fakeRun({ before: BEFORE, points: [fell], startedAt: 1_000 });
    const setups = { ignore: { ...setupOf('ignore'), at: 2_000 } };
    expect(stepState(ignore, setups, [before]).kind).toBe('waiting');
    const after = fakeRun({ before: BEFORE, points: [fell], startedAt: 3_000 });
    expect(stepState(ignore, setups, [before, after])).toMatchObject({ kind: 'answered', run: after });
  });

  it('under a lock that keeps two steps on one config, the later step does not answer from the earlier step’s run', () => {
    // lock=mix: step 2 (mix) sets up the same settings as step 1; step 1's run came first.
    const first = fakeRun({ before: BEFORE, points: [fell], startedAt: 1_500 });
    const setups = { ignore: { ...setupOf('ignore'), at: 1_000 }, mix: { ...setupOf('ignore'), at: 2_000 } };
    expect(stepState(step('mix'), setups, [first]).kind).toBe('waiting');
    expect(stepState(step('ignore'), setups, [first]).kind).toBe('answered');
  });
});

describe('where a step stands', () => {
  const ignore = step('ignore');

  it('asks to set up, then to run', () => {
    expect(stepState(ignore, {}, []).kind).toBe('not-set-up');
    expect(stepState(ignore, { ignore: setupOf('ignore') }, [fakeRun({ settings: { mix: 0.25 }, before: BEFORE, points: [fell] })]).kind).toBe('waiting');
  });

  it('a run in progress: its step, no answer yet', () => {
    const run = fakeRun({ before: BEFORE, points: [{ ...fell, step: 40 }], unfinished: true, status: 'running' });
    expect(stepState(ignore, { ignore: setupOf('ignore') }, [run])).toMatchObject({ kind: 'running', step: 40, total: 150 });
  });

  it('a stopped, failed or interrupted run: a message that says so, not an answer', () => {
    const setups = { ignore: setupOf('ignore') };
    const stopped = fakeRun({ name: 'Ignore forgetting', before: BEFORE, points: [{ ...fell, step: 40 }], unfinished: true });
    const state = stepState(ignore, setups, [stopped]);
    expect(state).toMatchObject({ kind: 'cut-short' });
    expect(state.kind === 'cut-short' && state.message).toBe('Your run “Ignore forgetting” was stopped at step 40 of 150, before the end. The answer needs a finished run: press Start to run it again.');
    const failed = fakeRun({ before: BEFORE, points: [fell], error: 'GPU device lost' });
    const failedState = stepState(ignore, setups, [failed]);
    expect(failedState.kind === 'cut-short' && failedState.message).toMatch(/failed: GPU device lost\. Press Start to try again\./);
    const interrupted = fakeRun({ before: BEFORE, points: [fell], unfinished: true, status: 'interrupted' });
    const interruptedState = stepState(ignore, setups, [interrupted]);
    expect(interruptedState.kind === 'cut-short' && interruptedState.message).toMatch(/cut short at step 20 of 150 when the page closed/);
  });

  it('a finished run: the step’s answer from it', () => {
    const run = fakeRun({ before: BEFORE, points: [fell] });
    const state = stepState(ignore, { ignore: setupOf('ignore') }, [run]);
    expect(state.kind).toBe('answered');
    expect(state.kind === 'answered' && state.answer.text).toMatch(/^reverse, copy and sort fell together: by the first check, at step 20,/);
  });

  it('a comparison waits for the earlier step’s finished run, then notes runs that differ in length', () => {
    const mixStep = step('mix');
    const mix = fakeRun({ settings: { mix: 0.25, steps: 20 }, before: BEFORE, points: [fell] });
    const setups = { mix: setupOf('mix') };
    expect(stepState(mixStep, setups, [mix])).toEqual({ kind: 'needs', steps: ['ignore'] });
    const ignoreRun = fakeRun({ before: BEFORE, points: [fell] });
    const state = stepState(mixStep, { ...setups, ignore: setupOf('ignore') }, [ignoreRun, mix]);
    expect(state.kind).toBe('answered');
    expect(state.kind === 'answered' && state.notes).toEqual(['Your runs differ in steps (20 steps, 150 steps): compare with care.']);
  });

  it('the last step needs two earlier runs, and compares those it has', () => {
    const compare = step('compare');
    const ignoreRun = fakeRun({ before: BEFORE, points: [fell] });
    const setups = { ignore: setupOf('ignore'), mix: setupOf('mix'), 'low-lr': setupOf('low-lr') };
    expect(stepState(compare, setups, [ignoreRun])).toMatchObject({ kind: 'needs' });
    const low = fakeRun({ settings: { lr: 1e-4 }, before: BEFORE, points: [{ step: 20, acc: { ...BEFORE, task: 0.6 } }] });
    const state = stepState(compare, setups, [ignoreRun, low]);
    expect(state.kind === 'answered' && state.answer.text).toBe('Best balance (task gain minus forgetting): Lower learning rate, 60.0 − 0.0 = 60.0 points.');
  });
});
