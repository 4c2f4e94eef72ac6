import { describe, expect, it } from 'vitest';
import { countDown, NOT_YET_SHOWN, showTimeLeft, type Countdown } from './countdown';

/** Feeds estimates made every `every` ms of the run; returns what is shown after each. */
function shownFor(estimates: readonly number[], every = 100): number[] {
  let shown: Countdown | null = null;
  return estimates.map((estimate, i) => (shown = countDown(shown, estimate, i * every)).msLeft);
}

describe('countDown', () => {
  it('shows the first estimate as it is', () => {
    expect(countDown(null, 5000, 1234)).toEqual({ msLeft: 5000, at: 1234 });
  });

  it('runs down with the clock while the estimates agree with it', () => {
    const shown = shownFor([5000, 4900, 4800, 4700]);
    shown.forEach((ms, i) => expect(ms).toBeCloseTo(5000 - 100 * i, 6));
  });

  it('falls to a lower estimate at once', () => {
    expect(shownFor([6000, 3000])[1]).toBe(3000);
  });

  it('eases toward a higher estimate a little at a time, and gets there', () => {
    // After 3 s shown, the estimates say 6 s (the machine got busy), and run down from there.
    const estimates = [3000, ...Array.from({ length: 50 }, (_, i) => 5900 - 100 * i)];
    const shown = shownFor(estimates);
    // Not at once: one 100 ms event later, most of the 3 s gap is still there.
    expect(shown[1]).toBeLessThan(3300);
    // Every step up is small, never a jump.
    for (let i = 1; i < shown.length; i++) expect(shown[i] - shown[i - 1]).toBeLessThan(150);
    // 5 s on, under a tenth of the gap is left.
    expect(Math.abs(shown[50] - estimates[50])).toBeLessThan(300);
  });

  it('a one-off high estimate (a stall) barely lifts the figure', () => {
    const shown = shownFor([5000, 4900, 9800, 4700]);
    expect(shown[2] - shown[1]).toBeLessThan(300);
    expect(shown[3]).toBe(4700);
  });

  it('after a stall, rises by a tenth of the figure at most', () => {
    // Two seconds without an event, and the estimate doubled.
    const after = countDown({ msLeft: 10_000, at: 0 }, 20_000, 2000);
    expect(after.msLeft).toBeCloseTo(11_000, 6);
  });

  it('never shows less than nothing', () => {
    expect(shownFor([300, 0, 0, 0, 0]).every((ms) => ms >= 0)).toBe(true);
    expect(countDown({ msLeft: 100, at: 0 }, 0, 5000).msLeft).toBe(0);
  });
});

describe('showTimeLeft', () => {
  it('shows nothing until the pace is known, then the countdown with the estimate’s pace', () => {
    const unknown = showTimeLeft(NOT_YET_SHOWN, { known: false }, 100);
    expect(unknown.left.known).toBe(false);
    const first = showTimeLeft(unknown, { known: true, msLeft: 4000, stepsPerSec: 30, evalsCounted: true }, 200);
    expect(first.left).toEqual({ known: true, msLeft: 4000, stepsPerSec: 30, evalsCounted: true });
    const higher = showTimeLeft(first, { known: true, msLeft: 8000, stepsPerSec: 20, evalsCounted: true }, 300);
    if (!higher.left.known) throw new Error('known before, known now');
    expect(higher.left.stepsPerSec).toBe(20);
    expect(higher.left.msLeft).toBeGreaterThan(3900);
    expect(higher.left.msLeft).toBeLessThan(8000);
    // An estimate not known keeps the countdown as it was.
    expect(showTimeLeft(higher, { known: false }, 400).countdown).toEqual(higher.countdown);
  });
});
