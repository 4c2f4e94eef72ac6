/**
 * `lab windows` as a person runs it (the full tier: it scores every held-out
 * window of the text corpus, 14 s; windowStats.test.ts checks the sums in the
 * quick tier).
 */
import { describe, expect, it } from 'vitest';
import { lab } from './lib/labProcess';

describe('lab windows', () => {
  it('windows: a text run scored on its 16 windows per source and on every held-out window, its own summary given back', () => {
    const result = lab('windows', '--set', 'steps=2', '--set', 'evalEvery=2', '--phases', '4', '--json');
    expect(result.status, result.stderr).toBe(0);
    const { windowsPerRun, windows, summary, readings } = JSON.parse(result.stdout);
    expect(windowsPerRun).toBe(16);
    expect(Object.keys(windows)).toHaveLength(8);
    for (const count of Object.values(windows)) expect(count).toBeGreaterThan(16);
    const gain = readings.find((r: { quantity: string }) => r.quantity === 'domain gain (code)');
    expect(gain.drawn).toBeCloseTo(summary.taskGain, 9);
    expect(gain.randomSe).toBeGreaterThan(0);
    expect(gain.phases.min).toBeLessThanOrEqual(gain.phases.max);
    const notText = lab('windows', '--preset', 'ignore');
    expect(notText.status).not.toBe(0);
    expect(notText.stderr).toMatch(/held-out text windows; the skills scenario has none/);
  }, 300_000);
});
