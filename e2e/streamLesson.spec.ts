import { AxeBuilder } from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { openLab, runAndWait, watchConsoleErrors } from './helpers';

/** The heatmap cell of a row and a task, as its title says it: "after 2: rotate, letters: 37%" → 37. */
async function cell(page: import('@playwright/test').Page, row: string, task: string): Promise<number> {
  const title = await page.getByTestId('chart-stream-matrix').locator('title').filter({ hasText: `${row}, ${task}: ` }).first().textContent();
  return parseFloat(title!.split(': ').at(-1)!);
}

test('the lesson’s stream steps: learn letters then rotate, then with replay; the answers read what the heatmap shows @slow', async ({ page }) => {
  test.setTimeout(600_000);
  const errors = watchConsoleErrors(page);
  await openLab(page, 'backend=wasm');
  await page.getByTestId('intro-skip').click();
  await page.getByTestId('lesson-open').click();
  await page.getByTestId('lesson-step-button').filter({ hasText: 'Learn A then B' }).click();
  await expect(page.getByTestId('lesson-step').locator('h3')).toHaveText('Step 8 of 9: Learn A then B');
  await page.getByTestId('lesson-setup').click();
  await expect(page.locator('.sequence[data-key="stream"]')).toContainText('letters → rotate');
  await runAndWait(page, 'done', 400_000);

  const answer = page.getByTestId('lesson-answer');
  await expect(answer).toContainText('BWT = ');
  // "…is at 12.5% after rotate": the heatmap's "after 2: rotate" row, letters column (whole percent there).
  const text = await answer.innerText();
  const survived = text.match(/is at (\d+\.\d)% after rotate|barely learned/);
  expect(survived, text).not.toBeNull();
  if (survived![1]) expect(Math.abs(parseFloat(survived![1]) - (await cell(page, 'after 2: rotate', 'letters')))).toBeLessThanOrEqual(0.5);
  expect((await new AxeBuilder({ page }).include('[data-testid=lesson]').analyze()).violations.map((v) => v.id)).toEqual([]);

  await page.getByTestId('lesson-next').click();
  await page.getByTestId('lesson-setup').click();
  await expect(page.locator('input[type=range][data-key="replay"]')).toHaveValue('0.25');
  await runAndWait(page, 'done', 400_000);
  await expect(answer).toContainText(/BWT: .* without replay, .* with it\./);
  await expect(answer).toContainText('Without replay');
  expect(errors).toEqual([]);
});
