import { AxeBuilder } from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { openLab, setControl } from './helpers';

/** Every axe-core violation on the page, as 'rule: first targets' lines (empty when there are none). */
async function violations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}

const doneCount = (page: Page) => page.getByTestId('run-status').filter({ hasText: /^done$/ });

test('axe-core finds nothing on the first page, during a run, in the help dialog and with a notice', async ({ page }) => {
  await openLab(page);
  expect(await violations(page), 'first page').toEqual([]);

  await setControl(page, 'steps', '60');
  await setControl(page, 'evalEvery', '10');
  await page.getByTestId('start').click();
  await expect(page.getByTestId('progress-text')).toContainText('step', { timeout: 60_000 });
  expect(await violations(page), 'during a run').toEqual([]);
  await expect(doneCount(page)).toHaveCount(1, { timeout: 120_000 });

  await page.keyboard.press('?');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeFocused();
  expect(await violations(page), 'help dialog').toEqual([]);
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);

  await page.goto('./?backend=wasm&mix=7');
  await expect(page.getByTestId('notices')).toContainText('mix');
  expect(await violations(page), 'with a notice').toEqual([]);
});

// Apart from the test above, so the two share the machine's browser workers.
test('axe-core finds nothing after five runs, and with a live run over them @slow', async ({ page }) => {
  await openLab(page);
  await setControl(page, 'steps', '20');
  await setControl(page, 'evalEvery', '10');
  await page.getByTestId('sweep-values-1').fill('0, 0.1, 0.2, 0.3, 0.4');
  await page.getByTestId('sweep-seeds').fill('1');
  await page.getByTestId('queue-sweep').click();
  await expect(doneCount(page)).toHaveCount(5, { timeout: 180_000 });
  expect(await violations(page), 'after five runs').toEqual([]);

  // A run started while five are on the charts: the live layer sits over the settled one.
  await setControl(page, 'steps', '60');
  await page.getByTestId('start').click();
  await expect(page.getByTestId('progress-text')).toContainText('step', { timeout: 60_000 });
  expect(await violations(page), 'a live run over five settled ones').toEqual([]);
  await expect(doneCount(page)).toHaveCount(6, { timeout: 120_000 });
});

test('presentation mode: a key and the link turn it on, type is large, controls tucked away, and axe finds nothing', async ({ page }) => {
  await openLab(page);
  await page.keyboard.press('p');
  await expect(page).toHaveURL(/present=1/);
  expect(await page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize))).toBeGreaterThanOrEqual(20);
  await expect(page.locator('#controls')).toBeHidden();
  await page.getByRole('button', { name: 'Show the controls' }).click();
  await expect(page.locator('#controls')).toBeVisible();
  expect(await violations(page), 'presentation mode').toEqual([]);

  // The link keeps it: a reload opens in presentation mode; P turns it off again.
  await page.reload();
  await expect(page.getByTestId('progress-text')).toHaveText('ready', { timeout: 90_000 });
  await expect(page.getByTestId('present')).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.press('p');
  await expect(page).not.toHaveURL(/present=1/);
  expect(await page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize))).toBeLessThan(20);
});

test('the keyboard: a skip link to Start, shortcuts after a mouse click, charts one labelled Tab stop each', async ({ page }) => {
  await openLab(page);
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to Start' });
  await expect(skip).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('start')).toBeFocused();

  // After a mouse click on a button, the number keys still pick presets and Space still starts.
  await page.locator('button[data-preset="mix"]').click();
  await page.keyboard.press('3');
  await expect(page.locator('button[data-preset="lora"]')).toHaveAttribute('aria-pressed', 'true');
  await setControl(page, 'steps', '20');
  await page.locator('button[data-preset="ignore"]').click();
  await setControl(page, 'steps', '20');
  await page.getByTestId('present').click();
  await page.getByTestId('present').click();
  await page.keyboard.press(' ');
  await expect(page.locator('[data-testid=run-list] tbody tr')).toHaveCount(1);

  // Each chart's drawing is one focusable element with a name.
  for (const id of ['task-general', 'skills', 'tradeoff', 'drift']) {
    const focusable = page.getByTestId(`chart-${id}`).locator('.chart-area [tabindex="0"]');
    await expect(focusable).toHaveCount(1);
    await expect(focusable.locator('title')).not.toHaveText('');
  }
});

test.describe('on a phone (390 × 844)', () => {
  test.use({ viewport: { width: 390, height: 844 } });
  test('no sideways scrolling, Start and progress on screen at the top of the controls, and axe finds nothing', async ({ page }) => {
    await openLab(page);
    await expect(page.getByTestId('start')).toBeInViewport();
    await setControl(page, 'steps', '20');
    await setControl(page, 'evalEvery', '10');
    await page.getByTestId('start').click();
    await expect(doneCount(page)).toHaveCount(1, { timeout: 120_000 });
    await page.mouse.wheel(0, 1500);
    await expect(page.getByTestId('start')).toBeInViewport();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await violations(page), 'at 390 px').toEqual([]);
  });
});
