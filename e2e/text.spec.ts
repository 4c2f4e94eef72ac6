import { expect, test } from '@playwright/test';
import { openLab, runAndWait, setControl, watchConsoleErrors } from './helpers';

test('the text scenario runs on wasm in the page: the English base model is scored, and its samples stand beside the trained model’s', async ({ page }) => {
  const errors = watchConsoleErrors(page);
  const fetched: string[] = [];
  page.on('request', (r) => fetched.push(new URL(r.url()).pathname));
  await openLab(page, 'preset=text-ignore&backend=wasm');
  await expect(page.locator('select[data-key="scenario"]')).toHaveValue('text');
  await expect(page.locator('select[data-key="domain"]')).toHaveValue('code');
  // The skills' task does not apply to a text run, and its control is not shown.
  await expect(page.locator('select[data-key="task"]')).toHaveCount(0);
  await expect(page.locator('button[data-preset="text-mix"]')).toBeVisible();

  // The base model panel: measured in the page, per genre, with what it writes.
  const scores = page.getByTestId('text-base-scores');
  await expect(scores).toBeVisible({ timeout: 120_000 });
  for (const genre of ['news', 'fiction', 'humor', 'belles-lettres']) await expect(scores.locator(`tr[data-source="${genre}"] td.bpc`)).toHaveText(/^\d\.\d\d$/);
  await expect(page.getByTestId('text-base-real-words')).toHaveText(/^\d+% real words$/);

  await setControl(page, 'steps', '20');
  await setControl(page, 'evalEvery', '10');
  await runAndWait(page, 'done', 150_000);

  // Samples from the same prompts, before (the base model) and after, side by side.
  const panel = page.getByTestId('generations');
  await expect(panel.locator('caption')).toContainText('at step 20');
  const before = panel.getByTestId('sample-base');
  const after = panel.getByTestId('sample-after');
  await expect(before).toHaveCount(8);
  await expect(after).toHaveCount(8);
  await expect(before.first()).toContainText(/^the man .{20,}/s);
  await expect(after.first()).toContainText(/^the man .{20,}/s);
  await expect(after.last()).toContainText(/^she said /);
  // Trained on code, the model writes something else than it did.
  expect(await after.first().innerText()).not.toBe(await before.first().innerText());

  // The charts read next-character accuracy per genre, with bits per character in the table.
  await expect(page.getByTestId('chart-skills')).toContainText('General prose by genre');
  await page.getByTestId('chart-task-general').locator('summary').click();
  await expect(page.getByTestId('chart-task-general').locator('.data-table thead')).toContainText('task bits/char');

  // The text model and its corpus came from the page's own origin, and the general prose's training split was not needed.
  expect(fetched.some((p) => p.endsWith('/models/text/weights.bin'))).toBe(true);
  expect(fetched.some((p) => p.endsWith('/data/text/code.train.txt'))).toBe(true);
  expect(fetched.some((p) => p.endsWith('/data/text/news.train.txt'))).toBe(false);
  expect(errors).toEqual([]);
});

test('picking a finished run shows its answers beside the base model’s, with only the wrong symbols marked', async ({ page }) => {
  await openLab(page);
  await setControl(page, 'steps', '10');
  await setControl(page, 'evalEvery', '10');
  await runAndWait(page);
  await page.locator('button[data-preset="lora"]').click();
  await setControl(page, 'steps', '10');
  await setControl(page, 'evalEvery', '10');
  await runAndWait(page);
  const picker = page.getByTestId('generations-run');
  await expect(picker.locator('option')).toHaveCount(3);
  const first = await picker.locator('option').nth(1).innerText();
  await picker.selectOption({ index: 1 });
  await expect(page.getByTestId('generations').locator('caption')).toContainText(first);
  // A wrong answer marks its wrong symbols one by one, each mark one symbol, not the whole answer.
  const wrong = page.getByTestId('answer-after').filter({ hasText: '✗' }).first();
  await expect(wrong.locator('mark').first()).toBeVisible();
  const marked = await wrong.locator('mark').evaluateAll((marks) => marks.map((m) => m.firstChild?.textContent ?? ''));
  for (const symbol of marked) expect(symbol).toMatch(/^[^\s]+$/);
  await expect(wrong.locator('mark').first()).toHaveAttribute('title', /^(wrong: expected|extra|missing: expected)/);
});
