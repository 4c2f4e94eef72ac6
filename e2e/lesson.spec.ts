import { AxeBuilder } from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { openLab, runAndWait, setControl, watchConsoleErrors } from './helpers';

/** "+70.8" or "−0.3" (the run list) or "70.8" (a lesson answer) as a number. */
const num = (text: string) => parseFloat(text.replace('−', '-').replace('+', ''));

test('a lesson step end to end: set up through the controls, run, and an answer from the run’s own numbers that survives a reload', async ({ page }) => {
  const errors = watchConsoleErrors(page);
  // Short runs, starting from mixing: the set-up changes the lever and keeps the participant's steps and evaluations.
  await openLab(page, 'backend=wasm&preset=mix&steps=20&evalEvery=10');
  await page.getByTestId('intro-skip').click();
  await page.getByTestId('lesson-open').click();
  const step = page.getByTestId('lesson-step');
  await expect(step.locator('h3')).toHaveText('Step 1 of 9: Watch it forget');
  await expect(page.getByTestId('lesson-question')).toContainText('Which skill fell first?');

  const mix = page.locator('input[type=range][data-key="mix"]');
  await expect(mix).toHaveValue('0.25');
  await page.getByTestId('lesson-setup').click();
  await expect(mix).toHaveValue('0');
  await expect(page.locator('input.number[data-key="steps"]')).toHaveValue('20');
  await expect(page.getByTestId('lesson-state')).toContainText('Ready: press Start');

  await runAndWait(page);
  const answer = page.getByTestId('lesson-answer');
  await expect(answer).toBeVisible();
  await expect(answer).toContainText(/fell first: at step (10|20)|fell together: (by the first check, )?at step (10|20)|No skill (lost|fell)/);
  // The forgetting in the answer is the run's, as the run list shows it.
  const forgetting = num(await page.locator('[data-testid=run-list] tbody tr').last().getByTestId('run-forgetting').innerText());
  const said = (await answer.innerText()).match(/forgetting (−?\d+\.\d) points/);
  expect(said, await answer.innerText()).not.toBeNull();
  expect(num(said![1])).toBeCloseTo(forgetting, 1);
  await expect(page.getByTestId('lesson-step-button').first()).toContainText('(answered)');
  expect((await new AxeBuilder({ page }).include('[data-testid=lesson]').analyze()).violations.map((v) => v.id)).toEqual([]);

  // A reload keeps the lesson where it was, and the answer comes back from the saved run.
  await page.reload();
  await expect(page.getByTestId('progress-text')).toHaveText('ready', { timeout: 90_000 });
  await expect(page.getByTestId('lesson-answer')).toContainText(/fell first|fell together|No skill/);

  // Step 2 sets mixing up and compares with step 1's run; a stopped run gets a message, not an answer.
  await page.getByTestId('lesson-next').click();
  await expect(step.locator('h3')).toBeFocused();
  await page.getByTestId('lesson-setup').click();
  await expect(mix).toHaveValue('0.25');
  await setControl(page, 'steps', '3000');
  await page.getByTestId('start').click();
  await expect(page.getByTestId('lesson-state')).toContainText('Running: step', { timeout: 60_000 });
  await page.getByTestId('stop').click();
  await expect(page.getByTestId('lesson-state')).toContainText(/was stopped at step \d+ of 3000, before the end/);
  await expect(page.getByTestId('lesson-answer')).toHaveCount(0);

  // Reset: back to step 1, nothing set up; the runs stay.
  await page.getByTestId('lesson-reset').click();
  await expect(step.locator('h3')).toHaveText('Step 1 of 9: Watch it forget');
  await expect(page.getByTestId('lesson-state')).toContainText('Press “Set up this run”');
  await expect(page.locator('[data-testid=run-list] tbody tr')).toHaveCount(2);
  expect(errors).toEqual([]);
});

test('a lesson step leaves an instructor’s locked section as it was, and says so', async ({ page }) => {
  await openLab(page, 'backend=wasm&task=rotate&lock=task');
  await page.getByTestId('lesson-open').click();
  await page.getByTestId('lesson-next').click();
  await page.getByTestId('lesson-setup').click();
  await expect(page.locator('select[data-key="task"]')).toHaveValue('rotate');
  await expect(page.locator('button[data-preset="mix"]')).toHaveAttribute('aria-pressed', 'false');
  await expect(page.locator('input[type=range][data-key="mix"]')).toHaveValue('0.25');
  await expect(page.getByTestId('lesson-step')).toContainText('Locked or hidden by your instructor, left as they were: task rotate.');
});
