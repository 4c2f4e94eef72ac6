import { describe, expect, it } from 'vitest';
import { presetConfig } from '../engine/config/presets';
import { keysOf } from '../engine/config/sections';
import { CONFIG_VERSION, configSchema, defaultConfig } from '../engine/config/schema';
import { challengeKey, makeChallenge } from './challenge';
import { decodeLink, encodeLink } from './link';
import { BUILTIN_CHALLENGES } from './builtinChallenges';

const start = { ...presetConfig('mix'), seed: 4 };
const replayOnly = makeChallenge(start, {
  title: 'Replay only',
  note: 'Only the mix slider is yours.',
  goal: { forgetting: 12, gain: 95, steps: 150 },
  lock: ['task', 'method', 'reg', 'presets'],
  hide: ['reg', 'presets'],
  preset: 'mix',
});

describe('challenge links', () => {
  it('round-trip a challenge: title, note, goal, rules and the locked values', () => {
    const { query } = encodeLink(start, { preset: 'mix', challenge: replayOnly });
    const back = decodeLink(`https://lab.example/${query}`);
    expect(back.errors).toEqual([]);
    expect(back.challengeErrors).toEqual([]);
    expect(back.challenge).toEqual(replayOnly);
    expect(back.config).toEqual(start);
    // The locked sections' keys, and only those, are fixed.
    expect(Object.keys(replayOnly.fixed).sort()).toEqual([...keysOf('task'), ...keysOf('method'), ...keysOf('reg')].sort());
    expect(replayOnly.fixed).not.toHaveProperty('mix');
  });

  it("write the challenge's rules whatever the page has drifted to, so a results link names the same challenge", () => {
    const drifted = configSchema.parse({ ...start, task: 'rotate', mix: 0.5 });
    const { query } = encodeLink(drifted, { preset: 'mix', lock: ['mix'], hide: [], challenge: replayOnly });
    const back = decodeLink(query);
    expect(back.lock).toEqual(replayOnly.lock);
    expect(back.hide).toEqual(replayOnly.hide);
    expect(back.config.task).toBe('letters');
    expect(back.config.mix).toBe(0.5);
    expect(challengeKey(back.challenge!)).toBe(challengeKey(replayOnly));
  });

  it("fix a hidden section's values as well as a locked one's: a hidden section is held too", () => {
    const hiddenOnly = makeChallenge(start, { title: 'Hidden', goal: { gain: 90 }, lock: ['task'], hide: ['lr'], preset: 'mix' });
    expect(Object.keys(hiddenOnly.fixed).sort()).toEqual([...keysOf('task'), ...keysOf('lr')].sort());
  });

  it("ignore, and name, a built-in challenge link's settings that contradict its rules", () => {
    const under10 = BUILTIN_CHALLENGES.find((b) => b.id === 'under-10')!;
    const { query } = encodeLink(under10.config, { preset: under10.challenge.preset, challenge: under10.challenge });
    const honest = decodeLink(query);
    expect(honest.challengeIgnored).toEqual([]);
    expect(honest.challenge).toEqual(under10.challenge);
    // '&task=rotate' added by hand: the task section is the challenge's, so it stays on letters, and the link says so.
    const edited = decodeLink(`${query}&task=rotate&mix=0.25`);
    expect(edited.config.task).toBe('letters');
    expect(edited.config.mix).toBe(0.25);
    expect(edited.challenge).toEqual(under10.challenge);
    expect(edited.challengeIgnored).toEqual([{ key: 'task', message: 'task rotate (the challenge holds task letters)' }]);
    // A challenge of one's own (another title) keeps the link's values: they are its rules.
    const own = decodeLink(`${query.replace(/challenge=[^&]+/, 'challenge=Rotate+under+10')}&task=rotate`);
    expect(own.config.task).toBe('rotate');
    expect(own.challengeIgnored).toEqual([]);
    expect(own.challenge?.fixed.task).toBe('rotate');
  });

  it('keep the challenge parameters out of the settings: no "unknown key" for them', () => {
    const back = decodeLink(`?v=${CONFIG_VERSION}&challenge=Under+10&goal.forgetting=10&goal.gain=90&goal.steps=150&challenge.note=hi&participant=Ana`);
    expect(back.errors).toEqual([]);
    expect(back.challenge?.goal).toEqual({ forgetting: 10, gain: 90, steps: 150 });
    expect(back.participant).toBe('Ana');
  });

  it('do not open a challenge with a bad goal, and name every bad part; the settings still apply', () => {
    const back = decodeLink(`?v=${CONFIG_VERSION}&mix=0.5&challenge=Bad&goal.forgetting=ten&goal.gain=150&goal.steps=1.5`);
    expect(back.challenge).toBeNull();
    expect(back.challengeErrors.map((e) => e.key)).toEqual(['goal.forgetting', 'goal.gain', 'goal.steps']);
    expect(back.challengeErrors[0].message).toMatch(/forgetting must be a number, got 'ten'/);
    expect(back.challengeErrors[1].message).toMatch(/from -100 to 100/);
    expect(back.challengeErrors[2].message).toMatch(/whole number/);
    expect(back.errors).toEqual([]);
    expect(back.config.mix).toBe(0.5);
  });

  it('do not open a challenge without a title, without a goal, or with a goal but no challenge', () => {
    expect(decodeLink('?challenge=&goal.gain=90').challengeErrors.map((e) => e.key)).toEqual(['challenge']);
    expect(decodeLink('?challenge=No+goal').challengeErrors[0].message).toMatch(/no goal/);
    const orphan = decodeLink('?goal.gain=90');
    expect(orphan.challenge).toBeNull();
    expect(orphan.challengeErrors).toEqual([{ key: 'goal.gain', message: expect.stringMatching(/without a challenge/) }]);
  });

  it("do not open a challenge whose locked settings or rules could not be read (its runs would be judged by the defaults' rules)", () => {
    const lockedBad = decodeLink(`?v=${CONFIG_VERSION}&task=nonsense&lock=task&challenge=T&goal.gain=90`);
    expect(lockedBad.challenge).toBeNull();
    expect(lockedBad.challengeErrors.map((e) => e.key)).toEqual(['task']);
    // The same bad value in an unlocked section leaves the challenge alone (the notice names the setting).
    const unlockedBad = decodeLink(`?v=${CONFIG_VERSION}&task=nonsense&lock=mix&challenge=T&goal.gain=90`);
    expect(unlockedBad.challenge).not.toBeNull();
    expect(unlockedBad.errors.map((e) => e.key)).toEqual(['task']);
    expect(decodeLink(`?v=${CONFIG_VERSION}&lock=tsk&challenge=T&goal.gain=90`).challengeErrors.map((e) => e.key)).toEqual(['lock']);
    expect(decodeLink('?v=99&challenge=T&goal.gain=90').challenge).toBeNull();
  });

  it('read a version 1 link with its own defaults into the locked values', () => {
    const back = decodeLink('?v=1&lock=run&challenge=Old&goal.gain=90');
    expect(back.challenge?.fixed.evalEvery).toBe(25);
    expect(defaultConfig().evalEvery).not.toBe(25);
  });
});

describe('participant names in links', () => {
  it('are written cleaned, and read back', () => {
    const { query } = encodeLink(defaultConfig(), { participant: '  Ana\u0007  María ' });
    expect(decodeLink(query).participant).toBe('Ana María');
  });

  it('that are too long are named and left out', () => {
    const back = decodeLink(`?participant=${'x'.repeat(41)}`);
    expect(back.participant).toBeNull();
    expect(back.errors.map((e) => e.key)).toEqual(['participant']);
  });
});
