import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { openLab } from './helpers';
import { recordEventBatches, traceRun, type PaceTrace } from './paceTrace';

interface Reading {
  /** The progress text when the run first showed step 20 or later. */
  text: string;
  step: number;
  /** The time left it showed then, in ms (null: no estimate shown). */
  estimateMs: number | null;
  /** The time from that reading to the run's end, on the page's clock. */
  actualMs: number;
}

const stepOf = (text: string) => Number(/step (\d+)\//.exec(text)?.[1] ?? 0);
/** The time left a progress text shows, in ms (null: none). */
function leftOf(text: string): number | null {
  const left = /about (?:(\d+) min )?([\d.]+) s left/.exec(text);
  return left ? 1000 * (60 * Number(left[1] ?? 0) + Number(left[2])) : null;
}

/** No time left before the pace is known; after, a countdown that never jumps up. */
function expectCountdown(trace: PaceTrace): void {
  const texts = trace.shown.map((s) => s.text).filter((text) => stepOf(text) > 0);
  for (const text of texts.filter((t) => stepOf(t) < 5)) expect(text, 'before five steady steps').not.toMatch(/left/);
  const figures = texts.map(leftOf).filter((ms): ms is number => ms !== null);
  expect(figures.length).toBeGreaterThan(5);
  for (let i = 1; i < figures.length; i++) {
    // A rise is eased (at most a tenth at a time); above 10 s the figure is rounded to whole seconds.
    expect(figures[i] - figures[i - 1], `${texts.join(' | ')}`).toBeLessThanOrEqual(0.1 * figures[i - 1] + 1000);
  }
}

/** The time left shown at the first reading at step 20 or later, and the time the run then took. */
function readingAtStep20(trace: PaceTrace): Reading {
  const seen = trace.shown.find((s) => stepOf(s.text) >= 20);
  if (!seen) throw new Error(`the run never showed step 20: ${trace.shown.map((s) => s.text).join(' | ')}`);
  return { text: seen.text, step: stepOf(seen.text), estimateMs: leftOf(seen.text), actualMs: trace.done - seen.page };
}

/** Runs once, keeping the trace with the test's results (and in PACE_TRACE_DIR when set: how src/runs/paceTraces/ was recorded). */
async function tracedRun(page: Page, name: string, timeout: number): Promise<PaceTrace> {
  const trace = await traceRun(page, timeout);
  const body = JSON.stringify(trace);
  await test.info().attach(`pace trace ${name}`, { body, contentType: 'application/json' });
  const dir = process.env.PACE_TRACE_DIR;
  if (dir) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `${name}-${Date.now()}.json`), body);
  }
  return trace;
}

function expectWithin30Percent(reading: Reading): void {
  test.info().annotations.push({ type: 'time left at step 20', description: `“${reading.text}”, ${(reading.actualMs / 1000).toFixed(2)} s actually left` });
  expect(reading.estimateMs, `no time left shown at step ${reading.step}: “${reading.text}”`).not.toBeNull();
  const ratio = reading.estimateMs! / reading.actualMs;
  expect(ratio, `“${reading.text}” with ${(reading.actualMs / 1000).toFixed(1)} s actually left`).toBeGreaterThan(0.7);
  expect(ratio, `“${reading.text}” with ${(reading.actualMs / 1000).toFixed(1)} s actually left`).toBeLessThan(1.3);
}

// @timing, not @slow: no estimate from the pace so far foresees the machine's load changing. On 2 cores under
// other work (load average 16-25), 13 of 20 runs passed (4 Dec 2026: 7 of 8 two at once, 4 of 6 alone, 2 of 6
// beside e2e/charts.spec.ts); in every miss the machine's pace after step 20 differed from its pace before by a
// factor of 1.46 to 1.92, faster or slower. The quick tier replays those runs (src/runs/timeLeftTraces.test.ts).
test.describe('the time left shown at step 20 is within ±30% of the time the run then takes @timing', () => {
  test.setTimeout(420_000);
  test.beforeEach(({ page }) => recordEventBatches(page));

  test('skills, the default run', async ({ page }) => {
    await openLab(page, 'backend=wasm');
    const trace = await tracedRun(page, 'skills', 300_000);
    const reading = readingAtStep20(trace);
    expectWithin30Percent(reading);
    expectCountdown(trace);
    // The pace shown is the steady steps' (the first steps and the evaluations are not counted in it).
    expect(reading.text).toMatch(/[\d.]+ steps\/s/);
  });

  test('text, at its scenario start (batch 8, 200 steps)', async ({ page }) => {
    await openLab(page, 'scenario=text&backend=wasm');
    const control = (key: string) => page.locator(`input.number[data-key="${key}"], .slider:has([data-key="${key}"]) input.number`).first();
    await expect(control('steps')).toHaveValue('200');
    await expect(control('batchSize')).toHaveValue('8');
    const trace = await tracedRun(page, 'text', 400_000);
    expectWithin30Percent(readingAtStep20(trace));
    expectCountdown(trace);
  });
});
