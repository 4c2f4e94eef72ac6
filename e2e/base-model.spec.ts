import { expect, test } from '@playwright/test';
import { watchConsoleErrors } from './helpers';

const GENERAL = ['copy', 'reverse', 'sort', 'successor'];

for (const backend of ['wasm', 'webgpu'] as const) {
  // WebGPU here is SwiftShader, a CPU emulation: minutes of shader compiles, so it belongs to the slow tier.
  test(`the shipped base model loads and evaluates in the page on ${backend}${backend === 'webgpu' ? ' @slow' : ''}`, async ({ page }) => {
    const errors = watchConsoleErrors(page);
    await page.goto(`./?backend=${backend}`);
    await expect(page.getByTestId('backend-badge')).toContainText(backend === 'wasm' ? 'WASM' : 'WebGPU', { timeout: 60_000 });
    const table = page.getByTestId('base-scores');
    await expect(table).toBeVisible({ timeout: 150_000 });
    for (const skill of GENERAL) {
      const text = await table.locator(`tr[data-skill="${skill}"] td.acc`).innerText();
      // Measured in the page: the shipped base model keeps its general skills.
      expect(parseFloat(text), `${skill} on ${backend}`).toBeGreaterThanOrEqual(95);
    }
    const task = await table.locator('tr[data-skill="letters"] td.acc').innerText();
    expect(parseFloat(task)).toBeLessThan(5);
    await expect(table.locator('caption')).toContainText(`on ${backend}`);
    expect(errors).toEqual([]);
  });
}
