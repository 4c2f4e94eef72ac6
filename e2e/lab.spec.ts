import { expect, test } from '@playwright/test';
import { openLab, runAndWait, setControl, watchConsoleErrors } from './helpers';

const SHORT = async (page: import('@playwright/test').Page) => {
  await setControl(page, 'steps', '20');
  await setControl(page, 'evalEvery', '10');
};

test('the page loads with no console errors and names its backend and why', async ({ page }) => {
  const errors = watchConsoleErrors(page);
  await openLab(page, '');
  // Plain words first: which backend trains, and that it is the fastest here; the details behind a disclosure.
  const badge = page.getByTestId('backend-badge');
  await expect(badge).toHaveText(/^Training on (WebGPU|WebGL|WASM), the fastest here$/);
  const reason = page.getByTestId('backend-reason');
  await expect(reason).toBeHidden();
  // Reached and opened with the keyboard.
  await badge.focus();
  await page.keyboard.press('Enter');
  await expect(reason).toBeVisible();
  const text = await reason.innerText();
  // auto: the fastest of the backends worth timing; a GPU that runs in software (SwiftShader here) is not timed.
  if (/ms\/step/.test(text)) expect(text).toMatch(/(WebGPU|WebGL|WASM) [\d.]+ ms\/step, .*: (WebGPU|WebGL|WASM)/);
  else {
    await expect(badge).toHaveText('Training on WASM, the fastest here');
    expect(text).toMatch(/^WASM: the only backend worth timing here; WebGPU not timed: .*; WebGL not timed: /);
  }
  await page.keyboard.press('Enter');
  await expect(reason).toBeHidden();
  await expect(page.getByTestId('param-count')).toContainText('105,504');
  expect(errors).toEqual([]);
});

test('a short run on wasm draws every chart and lists the run with its numbers; a LoRA run overlays it', async ({ page }) => {
  const errors = watchConsoleErrors(page);
  await openLab(page);
  await SHORT(page);
  await runAndWait(page);

  const row = page.locator('[data-testid=run-list] tbody tr').first();
  await expect(row.getByTestId('run-gain')).toHaveText(/^[+−]\d+\.\d$/);
  await expect(row.getByTestId('run-forgetting')).toHaveText(/^[+−]\d+\.\d$/);
  await expect(row).toContainText('wasm');
  // Every chart has drawn measured points: baseline + 2 evaluations per line.
  await expect(page.getByTestId('chart-task-general').locator('.recharts-line-dots circle')).toHaveCount(6);
  await expect(page.getByTestId('chart-skills').locator('.recharts-line-dots circle')).toHaveCount(12);
  await expect(page.getByTestId('chart-tradeoff').locator('.run-point')).toHaveCount(1);
  await expect(page.getByTestId('chart-drift').locator('.recharts-bar-rectangle')).not.toHaveCount(0);
  await expect(page.getByTestId('generations')).toContainText('<map>');

  // The data table says the same as the chart, in text.
  await page.getByTestId('chart-task-general').locator('summary').click();
  await expect(page.getByTestId('chart-task-general').locator('.data-table tbody tr')).toHaveCount(3);

  // Second run: the LoRA preset, same short settings.
  await page.locator('button[data-preset="lora"]').click();
  await expect(page.getByTestId('preset-explanation')).toContainText('low-rank');
  await expect(page.getByTestId('param-count')).not.toContainText('Trains 105,504');
  await SHORT(page);
  await runAndWait(page);
  const second = page.locator('[data-testid=run-list] tbody tr').nth(1);
  await expect(second.locator('td.diff')).toContainText('method full→lora');
  await expect(page.getByTestId('chart-task-general').locator('.recharts-line-dots circle')).toHaveCount(12);
  await expect(page.getByTestId('chart-tradeoff').locator('.run-point')).toHaveCount(2);
  await expect(page.getByTestId('chart-tradeoff').locator('.legend')).toContainText(/LoRA r\d+ α\d+/);

  // Hiding a run takes it off the charts; renaming shows in the legend.
  await second.getByRole('checkbox', { name: /^show / }).uncheck();
  await expect(page.getByTestId('chart-task-general').locator('.recharts-line-dots circle')).toHaveCount(6);
  // Rename is one of the row's further actions, behind More.
  await second.getByTestId('run-more').click();
  await second.getByRole('button', { name: /rename/ }).click();
  await page.getByLabel('run name').fill('adapter');
  await page.getByLabel('run name').press('Enter');
  await expect(second).toContainText('adapter');
  expect(errors).toEqual([]);
});

test('pause holds the run still and resume finishes it; Space and Esc drive it from the keyboard', async ({ page }) => {
  await openLab(page);
  await setControl(page, 'steps', '400');
  await setControl(page, 'evalEvery', '100');
  // Space's keycap sits on the button Space presses: Start while nothing trains, then Pause, then Resume.
  const spaceOn = () => page.locator('.run-controls button:has(kbd:text-is("Space"))');
  await expect(spaceOn()).toHaveAttribute('data-testid', 'start');
  await page.locator('body').press('Space');
  await expect(page.getByTestId('pause')).toBeVisible();
  await expect(page.getByTestId('start')).toHaveText('Add to queue');
  await expect(spaceOn()).toHaveCount(1);
  await expect(spaceOn()).toHaveAttribute('data-testid', 'pause');
  await expect(page.getByTestId('progress-text')).toHaveText(/step ([1-9]\d*)\//, { timeout: 30_000 });
  await page.getByTestId('pause').click();
  await expect(page.getByTestId('resume')).toBeVisible();
  await expect(spaceOn()).toHaveAttribute('data-testid', 'resume');
  // The worker answers once the run holds still, with the step it holds at: the page shows that step.
  const progress = page.getByTestId('progress-text');
  await expect(progress).toHaveAttribute('data-held-at', /^[1-9]\d*$/);
  const heldAt = Number(await progress.getAttribute('data-held-at'));
  await expect(progress).toHaveText(new RegExp(`^step ${heldAt}/400 · paused`));
  await expect(page.locator('[data-testid=run-list] tbody tr').first().getByTestId('run-status')).toHaveText('paused');
  const held = await progress.innerText();

  await page.locator('body').press('Space');
  await expect(page.getByTestId('pause')).toBeVisible();
  const stepOf = (text: string) => Number(/step (\d+)/.exec(text)![1]);
  await expect.poll(async () => stepOf(await page.getByTestId('progress-text').innerText())).toBeGreaterThan(stepOf(held));
  await page.locator('body').press('Escape');
  await expect(page.locator('[data-testid=run-list] tbody tr').first().getByTestId('run-status')).toHaveText('stopped');
  await expect(page.getByTestId('run-message')).toContainText('stopped at step');
  await expect(page.getByTestId('start')).toBeEnabled();
});

test('works on a narrow screen: controls, start button and charts stay reachable @slow', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await openLab(page);
  await expect(page.getByTestId('start')).toBeVisible();
  await expect(page.getByTestId('chart-task-general')).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});
