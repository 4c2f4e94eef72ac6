import { AxeBuilder } from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { openLab, setControl, watchConsoleErrors } from './helpers';
import { seededRunFile } from './seedRuns';

/** axe-core's violations inside the "Ask the model" panel, as 'rule: targets' lines. */
async function violations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).include('[data-testid=ask-panel]').analyze();
  return result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}

/** The symbols an answer wrote, read from the page (the end-of-answer mark left out). */
const written = (page: Page, column: string) => page.getByTestId(`${column}-answer`).locator('[data-testid=ask-symbol]:not(.stop)').allInnerTexts();

test('skills: ask the base model a prompt of one’s own, read its top five on keyboard focus, then ask a finished run beside it', async ({ page }) => {
  const errors = watchConsoleErrors(page);
  await openLab(page);
  const panel = page.getByTestId('ask-panel');
  await panel.scrollIntoViewIfNeeded();
  expect(await violations(page), 'before asking').toEqual([]);

  // A symbol outside the skill's alphabet is named, and nothing can be asked.
  await page.getByTestId('ask-skill').selectOption('reverse');
  await page.getByTestId('ask-input').fill('3 8 x');
  await expect(page.getByTestId('ask-help')).toContainText("'x' is not one of them");
  await expect(page.getByTestId('ask-input')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('ask-submit')).toBeDisabled();
  expect(await violations(page), 'with a bad prompt').toEqual([]);

  await expect(page.getByTestId('ask-greedy')).toBeChecked();
  await page.getByTestId('ask-input').fill('3 8 1 5');
  await expect(page.getByTestId('ask-help')).toHaveText('The model reads “<rev> 3 8 1 5 =”.');
  await page.getByTestId('ask-submit').click();
  // The shipped base model knows reverse: its greedy answer is the right one.
  await expect(page.getByTestId('ask-base-verdict')).toHaveText('✓ right');
  expect(await written(page, 'ask-base')).toEqual(['5', '1', '8', '3']);
  await expect(page.getByTestId('ask-run-column')).toContainText('No run of this scenario yet');

  // Tab reaches the answer once; the focused symbol shows the five most probable symbols there, the written one first.
  await page.getByTestId('ask-submit').focus();
  const symbols = page.getByTestId('ask-base-answer').getByTestId('ask-symbol');
  for (let i = 0; i < 10 && !(await symbols.first().evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
  await expect(symbols.first()).toBeFocused();
  const top5 = symbols.first().getByTestId('ask-top5');
  await expect(top5).toBeVisible();
  await expect(top5.locator('tr')).toHaveCount(5);
  await expect(top5.locator('tr').first()).toContainText('5');
  await expect(symbols.first()).toHaveAttribute('aria-label', /^5, position 1; top 5: 5 \d+\.\d%, /);
  await page.keyboard.press('ArrowRight');
  await expect(symbols.nth(1)).toBeFocused();
  await expect(symbols.nth(1).getByTestId('ask-top5')).toBeVisible();
  await expect(top5).toHaveCount(0);
  await page.keyboard.press('End');
  await expect(symbols.last()).toBeFocused();
  await expect(symbols.last().getByTestId('ask-top5')).toContainText('Where it stopped');
  expect(await violations(page), 'answer with its top five open').toEqual([]);

  // Sampling: the same seed draws the same answer.
  await page.getByTestId('ask-sampled').check();
  await page.getByTestId('ask-temperature').fill('2');
  await page.getByTestId('ask-seed').fill('7');
  await page.getByTestId('ask-submit').click();
  await expect(page.getByTestId('ask-base-answer')).toBeVisible();
  const first = await written(page, 'ask-base');
  await page.getByTestId('ask-submit').click();
  await expect(page.getByTestId('ask-base-answer')).toBeVisible();
  expect(await written(page, 'ask-base')).toEqual(first);
  expect(await violations(page), 'sampling settings').toEqual([]);

  // A run training now is asked with its weights at each evaluation, live, and at its last once it is done.
  await page.getByTestId('ask-greedy').check();
  await setControl(page, 'steps', '60');
  await setControl(page, 'evalEvery', '10');
  await page.getByTestId('start').click();
  await page.getByTestId('ask-submit').click();
  const runTitle = page.getByTestId('ask-run-column').locator('h3');
  await expect(runTitle).toHaveText(/, step (10|20|30|40|50) \(live\)$/);
  // Focus stays on a symbol of the live answer while a newer evaluation refreshes it.
  const runSymbol = page.getByTestId('ask-run-column-answer').getByTestId('ask-symbol').first();
  await runSymbol.focus();
  const liveStep = Number((await runTitle.innerText()).match(/step (\d+)/)![1]);
  await expect(runTitle).toHaveText(new RegExp(`, step (?!${liveStep}\\b)\\d+`));
  await expect(runSymbol).toBeFocused();
  await expect(page.getByTestId('run-status').last()).toHaveText('done', { timeout: 120_000 });
  await expect(runTitle).toHaveText(/, step 60$/);
  await expect(page.getByTestId('ask-run-column-answer')).toBeVisible();
  await expect(page.getByTestId('ask-run-column-verdict')).toHaveText(/✓ right|✗ wrong/);
  expect(errors).toEqual([]);
});

test('text: any text goes through the model’s vocabulary, what changed is said, and the answer’s characters show their top five', async ({ page }) => {
  await openLab(page, 'preset=text-ignore&backend=wasm');
  await page.getByTestId('ask-panel').scrollIntoViewIfNeeded();
  await page.getByTestId('ask-input').fill('');
  await expect(page.getByTestId('ask-help')).toContainText('Write a prompt');
  await expect(page.getByTestId('ask-submit')).toBeDisabled();
  await page.getByTestId('ask-input').fill('The Café was ');
  await expect(page.getByTestId('ask-help')).toContainText("The model reads “the caf  was ”. 2 capitals were lower-cased; 1 character is outside the model's alphabet and became spaces ('é').");
  // A character model decoded greedily loops: text starts sampled.
  await expect(page.getByTestId('ask-sampled')).toBeChecked();
  // A run imported from a file has no weights in this page, and says so.
  await page.getByTestId('import-file').setInputFiles({ name: 'class.json', mimeType: 'application/json', buffer: Buffer.from(seededRunFile(0, 1)) });
  await expect(page.getByTestId('ask-run')).toContainText('Near prose · seed 1 (weights not kept)');
  await page.getByTestId('ask-submit').click();
  await expect(page.getByTestId('ask-run-column')).toContainText("Near prose · seed 1's weights are not kept");
  const symbols = page.getByTestId('ask-base-answer').getByTestId('ask-symbol');
  await expect(symbols.first()).toBeVisible();
  expect(await symbols.count()).toBeGreaterThan(10);
  await symbols.nth(2).hover();
  await expect(symbols.nth(2).getByTestId('ask-top5').locator('tr')).toHaveCount(5);
  await symbols.first().focus();
  await expect(symbols.first().getByTestId('ask-top5')).toContainText('Position 1');
  expect(await violations(page), 'text answer').toEqual([]);
});
