import { AxeBuilder } from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { openLab, ownWriting, runAndWait, watchConsoleErrors } from './helpers';

/** "+70.8" or "−0.3" (the run list) or "70.8" (a lesson answer) as a number. */
const num = (text: string) => parseFloat(text.replace('−', '-').replace('+', ''));

/** Letters home, with capitals and a few characters outside the alphabet. */
const SENTENCES = ['Dear Ma, the harvest came in late this year — wet, but good.', 'Tom mended the fence by the mill on Sunday.', 'I miss the bread you bake on Fridays.', 'Write soon, and tell me about the café.'];
const myWriting = (chars: number) => ownWriting(SENTENCES, chars, 4);

test('the text lesson’s own-writing step: the example for one who brings nothing, then pasted text, run, and an answer from the run', async ({ page }) => {
  test.setTimeout(240_000);
  const errors = watchConsoleErrors(page);
  await openLab(page, 'preset=text-ignore&backend=wasm&steps=10&evalEvery=10');
  await page.getByTestId('intro-skip').click();
  await page.getByTestId('lesson-picker').selectOption('english-forgets');
  await page.getByTestId('lesson-open').click();
  await page.getByTestId('lesson-step-button').last().click();
  const step = page.getByTestId('lesson-step');
  await expect(step.locator('h3')).toHaveText(/^Step 7 of 7: Train it on your own writing$/);
  await expect(page.getByTestId('lesson-question')).toContainText('how much English does it lose?');
  await expect(step.locator('.lesson-setup')).toContainText('Settings: Code: ignore forgetting, but on own text;');

  // Nothing brought: the step trains on the built-in example, and says so.
  await page.getByTestId('lesson-setup').click();
  const box = page.getByTestId('lesson-own-text');
  await expect(box.getByTestId('custom-text-current')).toContainText('Training on gyp-python.txt');
  await expect(page.getByTestId('notices')).toContainText('the built-in example, gyp-python.txt');
  await expect(page.getByTestId('lesson-state')).toContainText('Ready: press Start');

  // One's own writing, pasted in the step itself: the step takes it without being set up again.
  await box.getByTestId('custom-text-paste').fill(myWriting(14_000));
  await box.getByTestId('custom-text-use-paste').click();
  await expect(box.getByTestId('custom-text-current')).toContainText('Training on pasted text');
  await expect(page.getByTestId('lesson-state')).toContainText('Ready: press Start');
  await expect(page.locator('input.number[data-key="steps"]')).toHaveValue('10');
  expect((await new AxeBuilder({ page }).include('[data-testid=lesson]').analyze()).violations.map((v) => v.id)).toEqual([]);

  await runAndWait(page, 'done', 180_000);
  const answer = page.getByTestId('lesson-answer');
  await expect(answer).toContainText('Trained on your text “pasted text”, the model’s next-character accuracy on English prose');
  await expect(answer).toContainText(/On your text “pasted text” its next-character accuracy (rose|fell|stayed)/);
  // The forgetting in the answer is the run's, as the run list shows it.
  const row = page.locator('[data-testid=run-list] tbody tr').last();
  await expect(row).toContainText('pasted text');
  const forgetting = num(await row.getByTestId('run-forgetting').innerText());
  const said = (await answer.innerText()).match(/forgetting (−?\d+\.\d) points/);
  expect(said, await answer.innerText()).not.toBeNull();
  expect(num(said![1])).toBeCloseTo(forgetting, 1);
  await expect(page.getByTestId('lesson-step-button').last()).toContainText('(answered)');
  expect((await new AxeBuilder({ page }).include('[data-testid=lesson]').analyze()).violations.map((v) => v.id)).toEqual([]);
  expect(errors).toEqual([]);
});
