import { test } from '@playwright/test';
import { openLab, runAndWait, setControl } from './helpers';

const text = 'The café on the corner opened at seven — nobody came. She wrote letters to the mill every week.\n'.repeat(200);

test('shots', async ({ page }) => {
  test.setTimeout(400_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  await openLab(page, 'preset=text-ignore&backend=wasm');
  await page.locator('select[data-key="domain"]').selectOption('custom');
  await page.getByTestId('custom-text-paste').fill('too short');
  await page.getByTestId('custom-text-use-paste').click();
  await page.getByTestId('custom-text-error').waitFor();
  await page.getByTestId('custom-text').screenshot({ path: '/tmp/domain-shots/panel-error.png' });
  await page.getByTestId('custom-text-example').click();
  await page.getByText('Training on gyp-python.txt').waitFor();
  await setControl(page, 'steps', '20');
  await setControl(page, 'evalEvery', '10');
  await runAndWait(page, 'done', 150_000);
  await page.getByTestId('custom-text-paste').fill(text);
  await page.getByTestId('custom-text-use-paste').click();
  await page.getByText('Training on pasted text').waitFor();
  await runAndWait(page, 'done', 150_000);
  await page.screenshot({ path: '/tmp/domain-shots/desktop.png', fullPage: false });
  await page.getByTestId('custom-text').screenshot({ path: '/tmp/domain-shots/panel.png' });
  await page.screenshot({ path: '/tmp/domain-shots/desktop-full.png', fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByTestId('custom-text').scrollIntoViewIfNeeded();
  await page.screenshot({ path: '/tmp/domain-shots/phone.png' });
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.goto(page.url() + '&present=1');
  await page.getByTestId('progress-text').waitFor();
  await page.waitForTimeout(3000);
  await page.screenshot({ path: '/tmp/domain-shots/present.png' });
});
