import { describe, expect, it } from 'vitest';
import { configSchema, defaultConfig, type ExperimentConfig } from '../engine/config/schema';
import type { RunSummary } from '../engine/experiment/events';
import { makeChallenge } from './challenge';
import { bestRun, checkGoals, checkRun } from './challengeCheck';

/** A finished run's summary: accuracies are multiples of 1/128 (one skill) or 1/512 (the mean of four). */
function summary(forgetting: number, taskGain: number, steps = 150): RunSummary {
  return { taskGain, forgetting, taskAcc: taskGain, generalAcc: 1 - forgetting, taskTokenAcc: taskGain, generalTokenAcc: 1 - forgetting, steps, msPerStep: 30, trainableParams: 9 };
}

const under10 = makeChallenge(defaultConfig(), { title: 'Under 10', goal: { forgetting: 10, gain: 90, steps: 150 }, lock: ['task'], hide: [], preset: 'ignore' });
const run = (config: ExperimentConfig, s: RunSummary) => ({ config, summary: s });

describe('checking a run against a challenge', () => {
  it('says met or not for each goal, with the margin in points', () => {
    // 40/512 = 7.8125 points of forgetting, 127/128 = 99.21875 points of task gain.
    const checks = checkGoals(under10, summary(40 / 512, 127 / 128, 120));
    expect(checks.map((c) => c.text)).toEqual(['forgetting 7.8 ≤ 10: met by 2.2', 'task gain 99.2 ≥ 90: met by 9.2', 'steps 120 ≤ 150: met by 30']);
    expect(checks[0].margin).toBeCloseTo(10 - 7.8125, 10);
    expect(checks.every((c) => c.met)).toBe(true);
  });

  it('counts a value exactly on the bound as met, despite float noise (0.07 × 100 and 0.29 × 100 are not 7 and 29 in floats)', () => {
    expect(0.07 * 100).toBeGreaterThan(7);
    expect(0.29 * 100).toBeLessThan(29);
    const onBounds = makeChallenge(defaultConfig(), { title: 'On the line', goal: { forgetting: 7, gain: 29 }, lock: [], hide: [], preset: null });
    const checks = checkGoals(onBounds, summary(0.07, 0.29));
    expect(checks.map((c) => c.met)).toEqual([true, true]);
    expect(checks[0].text).toBe('forgetting 7.0 ≤ 7: met by 0.0');
  });

  it('says by how much a goal was missed, and never shows a near miss as the bound itself', () => {
    const verdict = checkRun(under10, run(defaultConfig(), summary(51 / 512, 0.85)));
    expect(verdict.met).toBe(false);
    // 51/512 = 9.9609 points: met, and written so that it does not read as 10.0.
    expect(verdict.checks[0].text).toBe('forgetting 9.96 ≤ 10: met by 0.04');
    expect(verdict.checks[1].text).toBe('task gain 85.0 ≥ 90: missed by 5.0');
    expect(verdict.text).toMatch(/^not met: /);
    const over = checkGoals(under10, summary(52 / 512, 0.95))[0];
    expect(over.text).toBe('forgetting 10.2 ≤ 10: missed by 0.2');
    expect(checkGoals(under10, summary(0.05, 0.95, 151))[2].text).toBe('steps 151 ≤ 150: missed by 1');
  });

  it('does not count a run that changed a locked setting, however good its numbers', () => {
    const rotate = configSchema.parse({ task: 'rotate' });
    const verdict = checkRun(under10, run(rotate, summary(0, 1)));
    expect(verdict.checks.every((c) => c.met)).toBe(true);
    expect(verdict.met).toBe(false);
    expect(verdict.breaks.map((b) => b.key)).toEqual(['task']);
    expect(verdict.text).toBe("not under this challenge's rules: task rotate, locked at task letters");
    // Unlocked settings are the participant's to change.
    expect(checkRun(under10, run(configSchema.parse({ mix: 0.5, seed: 9 }), summary(0, 1))).met).toBe(true);
  });
});

describe('the best run of a challenge', () => {
  const a = run(configSchema.parse({ mix: 0.5 }), summary(20 / 512, 0.95));
  const b = run(configSchema.parse({ mix: 0.6 }), summary(10 / 512, 0.92));
  const c = run(configSchema.parse({ mix: 0.7 }), summary(10 / 512, 0.97));
  const d = run(configSchema.parse({ mix: 0.8 }), summary(10 / 512, 0.97, 100));
  const missed = run(configSchema.parse({ mix: 0.1 }), summary(0, 0.5));
  const offRules = run(configSchema.parse({ task: 'rotate' }), summary(0, 1));

  it('is the met run with the least forgetting; ties go to more task gain, then fewer steps', () => {
    expect(bestRun(under10, [a, b])).toBe(b);
    expect(bestRun(under10, [a, b, c])).toBe(c);
    expect(bestRun(under10, [c, d, a])).toBe(d);
  });

  it('never is a run that misses a goal or breaks a rule; none when no run meets it', () => {
    expect(bestRun(under10, [missed, offRules, a])).toBe(a);
    expect(bestRun(under10, [missed, offRules])).toBeNull();
  });
});
