import { describe, expect, it } from 'vitest';
import { fitAxis, niceStep, spanDomain, ticksFor, zoomAround } from './axisFit';

const POINTS = { min: -100, max: 100 };

describe('axes that fit the data', () => {
  it('picks round steps', () => {
    expect([niceStep(100), niceStep(12), niceStep(3.3), niceStep(0.9)]).toEqual([20, 2.5, 1, 0.2]);
  });

  it('spreads runs at 96–99 points of gain over the axis, with a margin, instead of 0–100', () => {
    const values = [96.1, 97.4, 99.2];
    const fit = fitAxis(values, { limits: POINTS });
    expect(fit.min).toBeGreaterThan(80);
    expect(fit.min).toBeLessThan(96.1);
    expect(fit.max).toBeGreaterThan(99.2);
    // A margin on both sides: a point is never on the edge.
    const span = fit.max - fit.min;
    expect(96.1 - fit.min).toBeGreaterThanOrEqual(0.05 * span);
    expect(fit.max - 99.2).toBeGreaterThanOrEqual(0.05 * span);
    // Ticks stay on the measure's scale (no tick past 100 points).
    expect(Math.max(...fit.ticks)).toBeLessThanOrEqual(100);
    expect(fit.ticks.length).toBeGreaterThanOrEqual(3);
  });

  it('holds every value inside, with room, for random sets', () => {
    let seed = 5;
    const rand = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    for (let i = 0; i < 500; i++) {
      const values = Array.from({ length: 1 + Math.floor(rand() * 30) }, () => -20 + rand() * 120);
      const fit = fitAxis(values, { limits: POINTS });
      const span = fit.max - fit.min;
      for (const v of values) {
        expect(v - fit.min).toBeGreaterThanOrEqual(0.05 * span - 1e-9);
        expect(fit.max - v).toBeGreaterThanOrEqual(0.05 * span - 1e-9);
      }
      for (const t of fit.ticks) expect(t >= fit.min && t <= fit.max && t >= -100 && t <= 100).toBe(true);
    }
  });

  it('widens one point or near-equal points to the least span, and falls back when empty', () => {
    const one = fitAxis([42], { minSpan: 10 });
    expect(one.max - one.min).toBeGreaterThanOrEqual(10);
    expect(one.min).toBeLessThan(42);
    expect(one.max).toBeGreaterThan(42);
    expect(fitAxis([], { empty: { min: 0, max: 100 } })).toMatchObject({ min: 0, max: 100, ticks: [0, 20, 40, 60, 80, 100] });
  });

  it('zooms around a value that stays put, and to a dragged span', () => {
    const z = zoomAround({ min: 0, max: 100 }, 80, 0.5);
    expect(z).toEqual({ min: 40, max: 90 });
    expect(spanDomain(30, 10)).toEqual({ min: 10, max: 30 });
    expect(ticksFor({ min: 96.5, max: 99.5 })).toEqual([97, 98, 99]);
    expect(ticksFor({ min: -3, max: 104 }, 5, { min: -100, max: 100 })).toEqual([0, 25, 50, 75, 100]);
  });
});
