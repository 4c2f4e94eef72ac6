import { AxeBuilder } from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { openLab, watchConsoleErrors } from './helpers';

const GENERAL = ['copy', 'reverse', 'sort', 'successor'];

/** axe-core's findings inside one part of the page. */
async function violationsIn(page: Page, selector: string): Promise<string[]> {
  const result = await new AxeBuilder({ page }).include(selector).analyze();
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
}

/** The base model's exact match for a skill, as the base-model table shows it ("100.0%"). */
const baseAcc = async (page: Page, skill: string) => parseFloat(await page.locator(`[data-testid=base-scores] tr[data-skill="${skill}"] td.acc`).innerText());

test('a first visit opens the introduction: skills with the base model’s live answers, the task, the two numbers, the five strategies', async ({ page }) => {
  const errors = watchConsoleErrors(page);
  await openLab(page);
  const intro = page.getByTestId('intro');
  await expect(intro).toBeVisible();
  await expect(page.getByTestId('intro-page-title')).toHaveText('1 of 5: What is catastrophic forgetting?');
  await expect(intro).toContainText('fine-tuning');
  await expect(intro).toContainText('continual pre-training');
  expect(await violationsIn(page, '[data-testid=intro]')).toEqual([]);

  await page.getByTestId('intro-next').click();
  const skills = page.getByTestId('intro-skills');
  for (const skill of GENERAL) {
    const row = skills.locator(`tr[data-skill="${skill}"]`);
    // The score beside the example is the one the base-model panel measured in this page.
    expect(parseFloat(await row.locator('td').nth(2).innerText())).toBeCloseTo(await baseAcc(page, skill), 0);
    await expect(row.locator('td').first()).toContainText(`<`);
  }
  // The copy row is the base model's own answer: right, and the question's digits repeated.
  const copyPrompt = await skills.locator('tr[data-skill="copy"] td').first().innerText();
  const copyAnswer = skills.locator('tr[data-skill="copy"] td').nth(1);
  await expect(copyAnswer).toContainText('✓ right');
  expect(await copyAnswer.locator('code').innerText()).toBe(copyPrompt.replace(/^<copy> /, '').replace(/ =$/, ''));

  await page.getByTestId('intro-next').click();
  const task = page.getByTestId('intro-task');
  await expect(intro).toContainText('Now: letters');
  // It cites the settings' own title, and the task's base accuracy in the base-model panel's form (one decimal).
  const taskBefore = await page.getByTestId('intro-task-before').innerText();
  await expect(page.locator('fieldset.group legend', { hasText: /^Task/ }).first()).toBeVisible();
  expect(taskBefore).toContain('under “Task” in the settings');
  const lettersBase = await page.locator('[data-testid=base-scores] tr[data-skill="letters"] td.acc').innerText();
  expect(taskBefore).toContain(`scores ${lettersBase} exact match`);
  await expect(task.locator('tbody tr')).toHaveCount(2);
  await expect(task.locator('tbody tr').first().locator('td').first()).toContainText('<map>');

  await page.getByTestId('intro-next').click();
  await expect(intro).toContainText('exact match on the task after training − before');
  await expect(intro).toContainText('mean exact match on the general skills before training − after');
  const before = await intro.locator('dd').first().innerText();
  expect(parseFloat(before.split('Before: ')[1])).toBeCloseTo(await baseAcc(page, 'letters'), 1);
  expect(before).toContain(`Before: ${lettersBase}.`);

  await page.getByTestId('intro-next').click();
  // The page names where the strategy buttons are by a title that is on screen.
  const cited = /under “([^”]+)” in the settings/.exec(await intro.innerText())?.[1];
  expect(cited).toBe('Strategy presets');
  await expect(page.locator('fieldset.group legend', { hasText: cited! })).toBeVisible();
  const strategies = intro.locator('.intro-strategies li');
  await expect(strategies).toHaveCount(5);
  for (const name of ['Ignore it', 'Mix general and task data', 'Adapters (LoRA)', 'Regularisation, or a limit on parameter change', 'Adjust the learning rate']) {
    await expect(intro).toContainText(name);
  }
  expect(await violationsIn(page, '[data-testid=intro]')).toEqual([]);

  // Closing returns focus to the button that reopens it; a returning visitor does not see it again.
  await page.getByTestId('intro-done').click();
  await expect(intro).toHaveCount(0);
  await expect(page.getByTestId('intro-open')).toBeFocused();
  await page.reload();
  await expect(page.getByTestId('progress-text')).toHaveText('ready', { timeout: 90_000 });
  await expect(intro).toHaveCount(0);

  // Reopened: it takes focus; Esc closes it and gives focus back, and stops nothing.
  await page.getByTestId('intro-open').click();
  await expect(page.locator('#intro-title')).toBeFocused();
  await expect(page.getByTestId('intro-page-title')).toContainText('1 of 5');
  await page.keyboard.press('Escape');
  await expect(intro).toHaveCount(0);
  await expect(page.getByTestId('intro-open')).toBeFocused();
  expect(errors).toEqual([]);
});

test('the introduction can be skipped at once, and its last page opens the guided lesson', async ({ page }) => {
  await openLab(page);
  await page.getByTestId('intro-skip').click();
  await expect(page.getByTestId('intro')).toHaveCount(0);
  await page.getByTestId('intro-open').click();
  for (let i = 0; i < 4; i++) await page.getByTestId('intro-next').click();
  await page.getByTestId('intro-lesson').click();
  await expect(page.getByTestId('lesson-step')).toBeVisible();
  await expect(page.locator('#lesson-title')).toBeFocused();
});

test('each control’s help links its terms to the glossary', async ({ page }) => {
  await openLab(page);
  const kind = page.locator('.control').filter({ has: page.locator('[data-key="reg.kind"]') });
  for (const term of ['EWC', 'Fisher information', 'L2-SP', 'θ0', 'clamp δ']) await expect(kind.getByRole('link', { name: term, exact: true })).toBeVisible();
  await kind.getByRole('link', { name: 'EWC', exact: true }).click();
  await expect(page).toHaveURL(/#glossary-ewc$/);
  const entry = page.locator('#glossary-ewc');
  await expect(entry).toBeInViewport();
  await expect(entry).toBeFocused();
  await expect(entry).toContainText('Fisher information');
  // Every control on the page links at least one entry, and every link leads to one.
  const controls = page.locator('.controls .control:has(.help)');
  const n = await controls.count();
  for (let i = 0; i < n; i++) await expect(controls.nth(i).locator('.glossary-links a')).not.toHaveCount(0);
  for (const href of await page.locator('.glossary-links a').evaluateAll((as) => as.map((a) => a.getAttribute('href')))) {
    await expect(page.locator(href!)).toHaveCount(1);
  }
  expect(await violationsIn(page, '[data-testid=glossary]')).toEqual([]);
});

test('on a ?scenario=text link the lab speaks of the text scenario: its start, introduction, keys and lesson', async ({ page }) => {
  const errors = watchConsoleErrors(page);
  await openLab(page, 'backend=wasm&scenario=text');
  // The text scenario's own start: what choosing it in the page gives.
  await expect(page.locator('input.number[data-key="batchSize"]')).toHaveValue('8');
  await expect(page.locator('input.number[data-key="steps"]')).toHaveValue('200');
  const intro = page.getByTestId('intro');
  await page.getByTestId('intro-next').click();
  await expect(page.getByTestId('intro-page-title')).toHaveText('2 of 5: What the English model can do');
  const genres = page.getByTestId('intro-skills');
  await expect(genres.locator('tbody tr')).toHaveCount(7, { timeout: 90_000 });
  await expect(genres).toContainText('Bits per character');
  await expect(genres.locator('tr[data-skill="fiction"]')).toBeVisible();
  await expect(page.getByTestId('intro-samples').locator('li')).toHaveCount(2);
  await page.getByTestId('intro-next').click();
  await expect(page.getByTestId('intro-page-title')).toHaveText('3 of 5: The new domain');
  await expect(intro).toContainText('Now: code');
  await expect(page.getByTestId('intro-task-before')).toContainText('bits per character');
  await page.getByTestId('intro-next').click();
  await expect(intro).toContainText('mean next-character accuracy on English prose before training − after');
  await page.getByTestId('intro-next').click();
  for (const title of ['Code: ignore forgetting', 'Code + general prose mixed in', 'Code with a LoRA adapter', 'Code, pulled toward the original weights', 'Code at a lower learning rate']) {
    await expect(page.getByTestId('intro-strategies')).toContainText(title);
  }
  expect(await violationsIn(page, '[data-testid=intro]')).toEqual([]);
  await page.getByTestId('intro-done').click();

  // The keyboard list names the text scenario's six presets; the lesson shown is the text one.
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toContainText('preset: Code at a lower learning rate');
  await expect(help.locator('kbd', { hasText: /^6$/ })).toHaveCount(1);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('lesson-picker')).toHaveValue('english-forgets');
  expect(errors).toEqual([]);
});
