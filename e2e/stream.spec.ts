import { AxeBuilder } from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { openLab, runAndWait } from './helpers';

const SHOTS = process.env.STREAM_SHOTS;

async function shot(page: Page, name: string): Promise<void> {
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: false });
}

/** A two-stage stream from a link: the matrix fills, the metrics and the curves show, and the controls show the stream's order. */
test('a stream run fills its accuracy matrix and shows BWT and every task’s curve', async ({ page }) => {
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  await openLab(page, 'backend=wasm&v=3&stream=letters,rotate&stageSteps=30&evalEvery=10&replay=0.25');
  await expect(page.locator('.sequence[data-key="stream"]')).toContainText('letters → rotate');
  await runAndWait(page);
  const matrix = page.getByTestId('chart-stream-matrix');
  await expect(matrix).toBeVisible();
  await expect(matrix.locator('svg text').filter({ hasText: 'after 2: rotate' })).toHaveCount(1);
  await expect(page.getByTestId('stream-metrics')).toContainText('backward transfer (BWT)');
  await expect(page.getByTestId('chart-stream-curves')).toBeVisible();
  // The stream's charts and controls keep axe at zero violations.
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`)).toEqual([]);
  await matrix.scrollIntoViewIfNeeded();
  await shot(page, 'stream-1280');
  await page.setViewportSize({ width: 390, height: 844 });
  await matrix.scrollIntoViewIfNeeded();
  await shot(page, 'stream-phone');
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.keyboard.press('p');
  await matrix.scrollIntoViewIfNeeded();
  await shot(page, 'stream-present');
});

test('a text stream of two domains @slow', async ({ page }) => {
  test.setTimeout(300_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  await openLab(page, 'backend=wasm&v=3&scenario=text&stream=code,near&stageSteps=6&evalEvery=3&liveEvalSize=4');
  await runAndWait(page, 'done', 240_000);
  const matrix = page.getByTestId('chart-stream-matrix');
  await expect(matrix.locator('svg text').filter({ hasText: 'after 2: near' })).toHaveCount(1);
  await matrix.scrollIntoViewIfNeeded();
  await shot(page, 'stream-text-1280');
});
