import { AxeBuilder } from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { openLab, runAndWait, setControl, watchConsoleErrors } from './helpers';

const SHOTS = process.env.SHOTS;

async function shot(page: Page, name: string): Promise<void> {
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: false });
}

/** The Plugged and Base columns of the scores table, by ability. */
async function columns(page: Page): Promise<{ base: string[]; plugged: string[] }> {
  const rows = page.locator('[data-testid=adapter-scores] tbody tr');
  const base = await rows.locator('td:nth-child(3)').allInnerTexts();
  const plugged = await rows.locator('td:nth-child(4)').allInnerTexts();
  return { base, plugged };
}

test('two LoRA runs leave two adapters (one plugged in while it trains): plugged in they change the scores, switched off the base is back, and they survive a reload', async ({ page }) => {
  test.setTimeout(300_000);
  const errors = watchConsoleErrors(page);
  await openLab(page, 'backend=wasm&method=lora&steps=40&evalEvery=20&lr=0.01');
  await runAndWait(page);
  await page.locator('select[data-key="task"]').selectOption('rotate');
  await setControl(page, 'steps', '300');
  await page.getByTestId('start').click();

  // While it trains, its adapter is in the library as it stands, and can be plugged in.
  const library = page.getByTestId('adapter-library');
  const training = library.locator('[data-testid=adapter-row][data-task=rotate]');
  await expect(training).toContainText('training: its adapter at step', { timeout: 60_000 });
  await training.getByRole('checkbox').check();
  await expect(library.getByTestId('adapter-status')).toContainText('Plugged:', { timeout: 60_000 });
  await training.getByRole('checkbox').uncheck();
  await expect(page.locator('[data-testid=run-list] tbody tr').last().getByTestId('run-status')).toHaveText('done', { timeout: 200_000 });
  await expect(training).not.toContainText('training');

  await library.scrollIntoViewIfNeeded();
  await expect(library.getByTestId('adapter-row')).toHaveCount(2);
  await expect(library.locator('[data-testid=adapter-row][data-task=letters]')).toContainText('KB');
  await expect(library.getByTestId('adapter-status')).toContainText('Nothing plugged: the base model', { timeout: 60_000 });

  await library.getByRole('checkbox', { name: /plug in .*letters|plug in/ }).first().check();
  await library.getByRole('checkbox', { name: /plug in/ }).nth(1).check();
  await expect(library.getByTestId('adapter-status')).toContainText('Plugged:', { timeout: 60_000 });
  await expect(library.getByTestId('adapter-status')).toContainText('scored in', { timeout: 60_000 });
  const on = await columns(page);
  expect(on.plugged).not.toEqual(on.base);
  await library.scrollIntoViewIfNeeded();
  await shot(page, 'adapters-plugged');
  const axe = await new AxeBuilder({ page }).include('[data-testid=adapter-library]').analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`)).toEqual([]);

  await library.getByTestId('adapters-on').uncheck();
  await expect(library.getByTestId('adapter-status')).toContainText('Nothing plugged', { timeout: 60_000 });
  const off = await columns(page);
  expect(off.plugged).toEqual(off.base);

  // The runs, and so the adapters, are kept in IndexedDB.
  await page.reload();
  await expect(page.getByTestId('progress-text')).toHaveText('ready', { timeout: 90_000 });
  await expect(page.getByTestId('adapter-row')).toHaveCount(2);
  expect(errors).toEqual([]);
});
