import { expect, test, type Page } from '@playwright/test';
import { openLab } from './helpers';

interface Reading {
  /** The progress text when the run first showed step 20 or later. */
  text: string;
  step: number;
  /** The time left it showed then, in ms (null: no estimate shown). */
  estimateMs: number | null;
  /** The time from that reading to the run's end, on the page's clock. */
  actualMs: number;
}

/** Starts a run and, watching every frame, reads the time left shown at step 20 and times the rest of the run. */
async function readAtStep20(page: Page, timeout: number): Promise<Reading> {
  const rows = await page.locator('[data-testid=run-list] tbody tr').count();
  const watching = page.evaluate(
    ({ rows, timeout }) =>
      new Promise<Reading>((resolve, reject) => {
        const until = performance.now() + timeout;
        let seen: (Omit<Reading, 'actualMs'> & { at: number }) | null = null;
        const tick = () => {
          const text = document.querySelector('[data-testid=progress-text]')?.textContent ?? '';
          const step = Number(/step (\d+)\//.exec(text)?.[1] ?? 0);
          if (!seen && step >= 20) {
            const left = /about (?:(\d+) min )?([\d.]+) s left/.exec(text);
            const estimateMs = left ? 1000 * (60 * Number(left[1] ?? 0) + Number(left[2])) : null;
            seen = { text, step, estimateMs, at: performance.now() };
          }
          if (seen && document.querySelectorAll('[data-testid=run-status]')[rows]?.textContent === 'done') {
            const { at, ...reading } = seen;
            resolve({ ...reading, actualMs: performance.now() - at });
            return;
          }
          if (performance.now() > until) reject(new Error(`the run did not finish; last progress: ${text}`));
          else requestAnimationFrame(tick);
        };
        tick();
      }),
    { rows, timeout },
  );
  await page.getByTestId('start').click();
  return watching;
}

function expectWithin30Percent(reading: Reading): void {
  test.info().annotations.push({ type: 'time left at step 20', description: `“${reading.text}”, ${(reading.actualMs / 1000).toFixed(2)} s actually left` });
  expect(reading.estimateMs, `no time left shown at step ${reading.step}: “${reading.text}”`).not.toBeNull();
  const ratio = reading.estimateMs! / reading.actualMs;
  expect(ratio, `“${reading.text}” with ${(reading.actualMs / 1000).toFixed(1)} s actually left`).toBeGreaterThan(0.7);
  expect(ratio, `“${reading.text}” with ${(reading.actualMs / 1000).toFixed(1)} s actually left`).toBeLessThan(1.3);
}

test.describe('the time left shown at step 20 is within ±30% of the time the run then takes @timing', () => {
  test.setTimeout(420_000);

  test('skills, the default run', async ({ page }) => {
    await openLab(page, 'backend=wasm');
    const reading = await readAtStep20(page, 300_000);
    expectWithin30Percent(reading);
    // The pace shown is the steady steps' (the first steps and the evaluations are not counted in it).
    expect(reading.text).toMatch(/[\d.]+ steps\/s/);
  });

  test('text, at its scenario start (batch 8, 200 steps)', async ({ page }) => {
    await openLab(page, 'scenario=text&backend=wasm');
    const control = (key: string) => page.locator(`input.number[data-key="${key}"], .slider:has([data-key="${key}"]) input.number`).first();
    await expect(control('steps')).toHaveValue('200');
    await expect(control('batchSize')).toHaveValue('8');
    expectWithin30Percent(await readAtStep20(page, 400_000));
  });
});
