import { AxeBuilder } from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { openLab, runAndWait, watchConsoleErrors } from './helpers';
import { exportRuns } from './manyRuns';

const SHOTS = process.env.SHOTS;

async function shot(page: Page, name: string): Promise<void> {
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: false });
}

/** A percentage cell ('87.5%') as a share. */
const share = (text: string) => parseFloat(text) / 100;

test("merge a LoRA adapter into the base and train on: the next run's before is the merged model, and it records the adapter", async ({ page }) => {
  test.setTimeout(300_000);
  const errors = watchConsoleErrors(page);
  await page.setViewportSize({ width: 1280, height: 800 });
  await openLab(page, 'backend=wasm&method=lora&steps=40&evalEvery=20&lr=0.01');
  await runAndWait(page);

  const library = page.getByTestId('adapter-library');
  await expect(library.getByTestId('merge-into-base')).toBeDisabled();
  await library.getByRole('checkbox', { name: /plug in/ }).check();
  await expect(library.getByTestId('adapter-status')).toContainText('scored in', { timeout: 60_000 });
  const letters = library.locator('[data-testid=adapter-scores] tr[data-skill=letters]');
  const base = share(await letters.locator('td:nth-child(3)').innerText());
  const plugged = share(await letters.locator('td:nth-child(4)').innerText());
  expect(plugged).toBeGreaterThan(base + 0.05);

  await library.getByTestId('merge-into-base').click();
  const startFrom = page.getByTestId('start-from');
  await expect(startFrom).toContainText('Runs start from: base + ');
  await startFrom.scrollIntoViewIfNeeded();
  await shot(page, 'merge-start-1280');
  const axe = await new AxeBuilder({ page }).include('[data-testid=start-from]').include('[data-testid=adapter-library]').analyze();
  expect(axe.violations.map((v) => v.id)).toEqual([]);

  // Train on from the merged weights with a full fine-tune.
  await page.locator('select[data-key="method"]').selectOption('full');
  await runAndWait(page);
  const file = await exportRuns(page);
  const run = file.runs.at(-1)!;
  expect(run.name).toContain('merged adapter');
  expect(run.events.map((e) => e.type).slice(0, 3)).toEqual(['start', 'merged', 'baseline']);
  const before = (run.events[2] as unknown as { eval: { task: { acc: number } } }).eval.task.acc;
  // Its before is the plugged model's score (one held-out example is 0.8 points), not the shipped base's.
  expect(Math.abs(before - plugged)).toBeLessThanOrEqual(0.01);

  // Back to the base model: the line goes.
  await page.getByTestId('start-from-base').click();
  await expect(startFrom).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('a link that names an adapter this lab lacks says so before any run, and the run says it too', async ({ page }) => {
  test.setTimeout(120_000);
  await openLab(page, 'backend=wasm&v=3&start=0123456789abcdef*1&steps=5');
  await expect(page.getByTestId('start-missing')).toContainText('0123456789abcdef');
  await runAndWait(page, 'error');
  await expect(page.getByTestId('run-message')).toContainText('does not hold');
});
