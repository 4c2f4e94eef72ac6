import { expect, type Page } from '@playwright/test';

/** Collects console errors and uncaught page errors for a test to assert on. */
export function watchConsoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(msg.text());
  });
  page.on('pageerror', (err) => errors.push(`${err.name}: ${err.message}`));
  return errors;
}

/** Opens the lab and waits until it can start a run. */
export async function openLab(page: Page, query = 'backend=wasm', timeout = 90_000): Promise<void> {
  await page.goto(`./?${query}`);
  await expect(page.getByTestId('progress-text')).toHaveText('ready', { timeout });
}

/** Types a value into a control by its config key and commits it. */
export async function setControl(page: Page, key: string, value: string): Promise<void> {
  const input = page.locator(`input.number[data-key="${key}"], .slider:has([data-key="${key}"]) input.number`).first();
  await input.fill(value);
  await input.press('Enter');
}

/** Starts a run and waits for the newest run in the list to reach a status. */
export async function runAndWait(page: Page, status = 'done', timeout = 120_000): Promise<void> {
  const before = await page.locator('[data-testid=run-list] tbody tr').count();
  await page.getByTestId('start').click();
  await expect(page.locator('[data-testid=run-list] tbody tr')).toHaveCount(before + 1);
  await expect(page.locator('[data-testid=run-list] tbody tr').last().getByTestId('run-status')).toHaveText(status, { timeout });
}

const GENERAL_SKILLS = ['copy', 'reverse', 'sort', 'successor'];

/** The base-model table the page measures at load: the shipped model keeps its general skills and cannot yet do the task. */
export async function expectBaseModelScores(page: Page, backend: string, timeout = 150_000): Promise<void> {
  const table = page.getByTestId('base-scores');
  await expect(table).toBeVisible({ timeout });
  for (const skill of GENERAL_SKILLS) {
    const text = await table.locator(`tr[data-skill="${skill}"] td.acc`).innerText();
    expect(parseFloat(text), `${skill} on ${backend}`).toBeGreaterThanOrEqual(95);
  }
  const task = await table.locator('tr[data-skill="letters"] td.acc').innerText();
  expect(parseFloat(task)).toBeLessThan(5);
  await expect(table.locator('caption')).toContainText(`on ${backend}`);
}

/** About `chars` characters of one's own writing: the sentences over and over, a line break after every `perLine`. */
export function ownWriting(sentences: readonly string[], chars: number, perLine: number): string {
  let text = '';
  for (let i = 0; text.length < chars; i++) text += `${sentences[i % sentences.length]}${i % perLine === perLine - 1 ? '\n' : ' '}`;
  return text;
}
