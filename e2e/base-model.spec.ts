import { expect, test } from '@playwright/test';
import { expectBaseModelScores, watchConsoleErrors } from './helpers';

// On webgpu and webgl the same check runs inside their tiny-run tests (backends.spec.ts, slow tier):
// one page pays SwiftShader's minutes of shader compiles once, not twice.
test('the shipped base model loads and evaluates in the page on wasm', async ({ page }) => {
  const errors = watchConsoleErrors(page);
  await page.goto('./?backend=wasm');
  await expect(page.getByTestId('backend-badge')).toContainText('WASM', { timeout: 60_000 });
  await expectBaseModelScores(page, 'wasm');
  expect(errors).toEqual([]);
});
