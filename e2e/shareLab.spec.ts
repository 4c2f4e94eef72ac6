import { AxeBuilder } from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { openLab } from './helpers';

test('Share this lab: Q opens a QR code of this experiment and the short address, focus goes in and comes back, Esc closes, axe finds nothing', async ({ page }) => {
  await openLab(page, 'backend=wasm&steps=37');
  await page.getByTestId('share-link').focus();
  await page.keyboard.press('q');
  const dialog = page.getByTestId('share-lab');
  await expect(dialog).toBeVisible();
  await expect(dialog).toBeFocused();
  await expect(dialog.getByTestId('share-lab-qr').locator('svg')).toBeVisible();
  const host = new URL(page.url()).host;
  await expect(dialog.getByTestId('share-lab-address')).toHaveText(host);
  // The code holds the experiment's link, settings and all (never in presentation mode).
  const link = await dialog.getByTestId('share-lab-link').inputValue();
  expect(new URL(link).searchParams.get('steps')).toBe('37');
  await expect(dialog.getByTestId('share-lab-local')).toContainText('npm run serve:lan');
  expect((await new AxeBuilder({ page }).analyze()).violations.map((v) => v.id)).toEqual([]);
  await dialog.getByTestId('share-lab-plain').check();
  expect(await dialog.getByTestId('share-lab-link').inputValue()).toBe(`${new URL(page.url()).origin}/`);
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId('share-link')).toBeFocused();
  // Esc closed the view only: the lab is still ready.
  await expect(page.getByTestId('progress-text')).toHaveText('ready');
  // The share panel's button opens it too, and it is in the shortcuts help.
  await page.getByTestId('share-lab-open').click();
  await expect(dialog).toBeVisible();
  await dialog.getByTestId('share-lab-close').click();
  await page.keyboard.press('?');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toContainText('share this lab');
});

for (const [label, size, query] of [
  ['presentation 1920x1080', { width: 1920, height: 1080 }, 'backend=wasm&present=1'],
  ['phone 390x844', { width: 390, height: 844 }, 'backend=wasm'],
] as const) {
  test(`Share this lab reads at ${label}: the code and the address on one screen @slow`, async ({ page }) => {
    await page.setViewportSize(size);
    await openLab(page, query);
    await page.getByTestId('share-lab-header').click();
    const dialog = page.getByTestId('share-lab');
    const qr = dialog.getByTestId('share-lab-qr').locator('svg');
    await expect(qr).toBeVisible();
    const box = (await qr.boundingBox())!;
    const address = (await dialog.getByTestId('share-lab-address').boundingBox())!;
    // Large, and all of it inside the window without scrolling the code away.
    expect(box.width).toBeGreaterThan(Math.min(size.width, size.height) * 0.6);
    expect(box.y + box.height).toBeLessThanOrEqual(size.height);
    expect(box.x + box.width).toBeLessThanOrEqual(size.width);
    expect(address.height).toBeGreaterThan(20);
    expect((await new AxeBuilder({ page }).include('[data-testid=share-lab]').analyze()).violations.map((v) => v.id)).toEqual([]);
    await page.screenshot({ path: test.info().outputPath(`share-lab-${size.width}.png`) });
  });
}
