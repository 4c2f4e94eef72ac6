import { expect, test } from '@playwright/test';
import { DEV_PORT } from '../playwright.config';
import { runAndWait, setControl, watchConsoleErrors } from './helpers';

// The README's start command: the dev server serves tfjs differently from the build (pre-bundled deps).
test('npm run dev opens a working lab with the shipped base model @slow @dev', async ({ page }) => {
  const errors = watchConsoleErrors(page);
  await page.goto(`http://127.0.0.1:${DEV_PORT}/?backend=wasm`);
  await expect(page.getByTestId('start')).toBeEnabled({ timeout: 120_000 });
  await expect(page.locator('tr[data-skill="copy"] td.acc')).toHaveText(/^(9[5-9]|100)\.\d%$/);
  await setControl(page, 'steps', '3');
  await setControl(page, 'evalEvery', '3');
  await runAndWait(page);
  expect(errors).toEqual([]);
});
