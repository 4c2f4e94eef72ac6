import { expect, test } from '@playwright/test';
import { openLab, setControl, watchConsoleErrors } from './helpers';

test('a 3-value × 2-seed sweep runs from the queue and draws its lever curve with labelled means', async ({ page }) => {
  const errors = watchConsoleErrors(page);
  await openLab(page);
  await setControl(page, 'steps', '20');
  await setControl(page, 'evalEvery', '10');

  await page.getByTestId('sweep-key-1').selectOption('mix');
  await page.getByTestId('sweep-values-1').fill('0, 0.25, 2');
  // A bad value is named and nothing can be queued until it is fixed.
  await expect(page.getByRole('alert')).toContainText("mix: '2'");
  await expect(page.getByTestId('queue-sweep')).toBeDisabled();
  await page.getByTestId('sweep-values-1').fill('0.5, 0, 0.25');
  await page.getByTestId('sweep-seeds').fill('2');
  await expect(page.getByTestId('queue-sweep')).toHaveText('Queue 6 runs');
  await page.getByTestId('queue-sweep').click();

  const rows = page.locator('[data-testid=run-list] tbody tr');
  await expect(rows).toHaveCount(6, { timeout: 120_000 });
  await expect(page.getByTestId('run-status').filter({ hasText: /^done$/ })).toHaveCount(6, { timeout: 240_000 });
  await expect(page.getByTestId('queue')).toHaveCount(0);

  // Runs are named by their swept value and seed.
  const names = await page.getByTestId('run-name').allInnerTexts();
  expect([...names].sort()).toEqual(['mix 0 · seed 1', 'mix 0 · seed 2', 'mix 0.25 · seed 1', 'mix 0.25 · seed 2', 'mix 0.5 · seed 1', 'mix 0.5 · seed 2']);

  // The lever curve: one point per value, in value order, each the mean of its two seeds (read from the run list).
  const lever = page.getByTestId('chart-lever');
  await expect(lever.locator('.recharts-cartesian-axis-tick-value')).toContainText(['mix 0', 'mix 0.25', 'mix 0.5']);
  await expect(lever.locator('.recharts-errorBar')).not.toHaveCount(0);
  await lever.locator('summary').click();
  const table = lever.locator('.data-table tbody tr');
  await expect(table).toHaveCount(3);
  const gainOf = async (name: string) => {
    const text = await rows.filter({ has: page.getByTestId('run-name').getByText(name, { exact: true }) }).getByTestId('run-gain').innerText();
    return Number(text.replace('−', '-'));
  };
  for (const [i, value] of ['0', '0.25', '0.5'].entries()) {
    const cells = await table.nth(i).locator('td').allInnerTexts();
    expect(cells[0]).toBe(`mix ${value}`);
    expect(cells.at(-1)).toBe('2');
    const mean = ((await gainOf(`mix ${value} · seed 1`)) + (await gainOf(`mix ${value} · seed 2`))) / 2;
    expect(Number(cells[1])).toBeCloseTo(mean, 0);
  }

  // The trade-off chart joins the sweep's means in value order and labels them with their values.
  const tradeoff = page.getByTestId('chart-tradeoff');
  await expect(tradeoff.locator('.legend')).toContainText('mix sweep');
  await expect(tradeoff.locator('.point-label')).toContainText(['0.5']);
  expect(errors).toEqual([]);
});
