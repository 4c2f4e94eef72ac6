import { AxeBuilder } from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { openLab, runAndWait, setControl, watchConsoleErrors } from './helpers';

/** A short challenge: 20-step runs, the task and the run settings locked, regularisation hidden. */
const CHALLENGE_QUERY = 'v=2&backend=wasm&steps=20&evalEvery=10&lock=task,run&hide=reg&challenge=Quick+check&challenge.note=Mix+to+remember&goal.forgetting=30&goal.steps=20';

/** Axe-core violations inside one part of the page. */
async function violationsIn(page: Page, selector: string): Promise<string[]> {
  const result = await new AxeBuilder({ page }).include(selector).analyze();
  return result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
}

test('a challenge link shows the goal and the locks, and checks each finished run with its margin', async ({ page }) => {
  const errors = watchConsoleErrors(page);
  await openLab(page, CHALLENGE_QUERY);
  const panel = page.getByTestId('challenge');
  await expect(panel.getByRole('heading', { name: 'Challenge: Quick check' })).toBeVisible();
  await expect(panel).toContainText('Mix to remember');
  await expect(panel.getByTestId('challenge-goal')).toHaveText('forgetting ≤ 30 pts, steps ≤ 20');
  await expect(panel.getByTestId('challenge-locked')).toContainText('Task');
  await expect(page.locator('select[data-key="task"]')).toBeDisabled();
  await expect(page.locator('fieldset[data-group="reg"]')).toHaveCount(0);

  await runAndWait(page);
  await setControl(page, 'mix', '0.5');
  await runAndWait(page);

  // Each run's verdict follows from its own numbers in the run list (rounded there to 0.1 points).
  const rows = panel.getByTestId('challenge-runs').locator('tbody tr');
  await expect(rows).toHaveCount(2);
  const runRows = page.locator('[data-testid=run-list] tbody tr');
  for (let i = 0; i < 2; i++) {
    const forgetting = Math.abs(Number((await runRows.nth(i).getByTestId('run-forgetting').innerText()).replace('−', '-')));
    // The panel lists the newest first.
    const row = rows.nth(1 - i);
    const met = forgetting <= 30;
    await expect(row.getByTestId('challenge-verdict')).toHaveText(met ? /^✓ met$/ : /^✗ not met$/);
    const margin = Math.abs(30 - forgetting);
    const cell = row.locator('td').nth(1);
    await expect(cell).toHaveText(new RegExp(`: ${met ? 'met' : 'missed'} by \\d+\\.\\d+`));
    const shown = Number((await cell.innerText()).split(' by ')[1]);
    expect(Math.abs(shown - margin)).toBeLessThanOrEqual(0.11);
  }
  await expect(panel.getByTestId('challenge-latest')).toContainText(`Latest run, ${await runRows.last().getByTestId('run-name').innerText()}:`);
  expect(await violationsIn(page, '[data-testid=challenge]')).toEqual([]);

  // The address keeps the challenge through an edit and a reload.
  await setControl(page, 'mix', '0.25');
  await expect.poll(() => new URL(page.url()).searchParams.get('challenge')).toBe('Quick check');
  await page.reload();
  await expect(page.getByTestId('challenge').getByRole('heading', { name: 'Challenge: Quick check' })).toBeVisible({ timeout: 90_000 });

  // Leaving frees what the challenge locked and hid.
  await page.getByTestId('leave-challenge').click();
  await expect(page.getByTestId('challenge')).toHaveCount(0);
  await expect(page.locator('select[data-key="task"]')).toBeEnabled();
  await expect(page.locator('fieldset[data-group="reg"]')).toHaveCount(1);
  await expect.poll(() => new URL(page.url()).searchParams.has('challenge')).toBe(false);
  expect(errors).toEqual([]);
});

test('a challenge link with bad goal parameters opens the lab without it and says why', async ({ page }) => {
  await openLab(page, 'v=2&backend=wasm&mix=0.5&challenge=Broken&goal.forgetting=ten&goal.gain=150');
  const notices = page.getByTestId('notices');
  await expect(notices).toContainText("This link's challenge could not be opened");
  await expect(notices).toContainText("goal.forgetting: forgetting must be a number, got 'ten'");
  await expect(notices).toContainText('goal.gain: task gain must be from -100 to 100');
  await expect(page.getByTestId('challenge')).toHaveCount(0);
  await expect(page.locator('.slider:has([data-key="mix"]) input.number')).toHaveValue('0.5');
  await expect(page.getByTestId('challenge-picker')).toBeVisible();
});

test('an instructor builds a challenge and shares it as a link that opens it @slow', async ({ page, context }) => {
  await openLab(page);
  await page.getByText('Instructor options: hide or lock controls in the link').click();
  await page.getByLabel('lock Task').check();
  await page.getByLabel('hide Mixing (replay)').check();
  const builder = page.getByTestId('challenge-builder');
  await builder.getByLabel('Start from preset').selectOption({ label: 'LoRA adapter' });
  await builder.getByTestId('copy-challenge-link').click();
  await expect(builder.getByText('Give the challenge a title.')).toBeVisible();
  await builder.getByTestId('challenge-builder-title').fill('Small and steady');
  await builder.getByTestId('challenge-builder-gain').fill('abc');
  await expect(builder.getByTestId('challenge-builder-gain')).toHaveAttribute('aria-invalid', 'true');
  await builder.getByTestId('challenge-builder-gain').fill('95');
  await builder.getByTestId('challenge-builder-steps').fill('');
  await builder.getByTestId('copy-challenge-link').click();
  const link = await builder.getByTestId('challenge-link-box').inputValue();
  const params = new URL(link).searchParams;
  expect(params.get('challenge')).toBe('Small and steady');
  expect(params.get('goal.forgetting')).toBe('10');
  expect(params.get('goal.gain')).toBe('95');
  expect(params.has('goal.steps')).toBe(false);
  expect(params.get('preset')).toBe('lora');
  expect(params.get('lock')).toBe('task');
  expect(params.get('hide')).toBe('mix');
  expect(await violationsIn(page, '[data-testid=challenge-builder]')).toEqual([]);

  const participant = await (await context.browser()!.newContext({ baseURL: page.url() })).newPage();
  await participant.goto(`${link}&backend=wasm`);
  const panel = participant.getByTestId('challenge');
  await expect(panel.getByRole('heading', { name: 'Challenge: Small and steady' })).toBeVisible({ timeout: 90_000 });
  await expect(panel.getByTestId('challenge-goal')).toHaveText('forgetting ≤ 10 pts, task gain ≥ 95 pts');
  await expect(panel).toContainText('LoRA adapter');
  await expect(participant.locator('select[data-key="task"]')).toBeDisabled();
  await expect(participant.locator('select[data-key="method"]')).toHaveValue('lora');
});

test('a built-in challenge starts from the list and takes the focus', async ({ page }) => {
  await openLab(page);
  await page.getByTestId('challenge-picker').locator('summary').click();
  await page.getByRole('button', { name: 'Start challenge: Replay only' }).click();
  await expect(page.getByRole('heading', { name: 'Challenge: Replay only' })).toBeFocused();
  await expect(page.locator('fieldset[data-group="reg"]')).toHaveCount(0);
  await expect(page.locator('.slider:has([data-key="mix"]) input.number')).toBeEnabled();
  await expect(page.locator('select[data-key="method"]')).toBeDisabled();
});
