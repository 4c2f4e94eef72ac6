import { AxeBuilder } from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { openLab, ownWriting, runAndWait, setControl, watchConsoleErrors } from './helpers';

/** Prose with capitals and a few characters outside the alphabet (é, —). */
const SENTENCES = ['The café on the corner opened at seven — nobody came.', 'She wrote letters to the mill every week.', 'Rain fell on the river and the roads.', 'We argued about the harvest until dark.'];
const myWriting = (chars: number) => ownWriting(SENTENCES, chars, 5);

test('a text of one’s own: bad input is named and changes nothing; a pasted text trains with charts and samples', async ({ page }) => {
  const errors = watchConsoleErrors(page);
  await openLab(page, 'preset=text-ignore&backend=wasm');
  await page.locator('select[data-key="domain"]').selectOption('custom');
  const panel = page.getByTestId('custom-text');
  await expect(panel.getByTestId('custom-text-current')).toContainText('No text yet');

  // Too short: the minimum is said, and the settings still name no text.
  await panel.getByTestId('custom-text-paste').fill('Just a line of my own.');
  await panel.getByTestId('custom-text-use-paste').click();
  await expect(panel.getByTestId('custom-text-error')).toContainText(/has 22 characters; a text needs at least 10,320/);
  await expect(panel.getByTestId('custom-text-error')).toContainText('Nothing was changed');
  // A binary file, chosen: refused by its name.
  await panel.getByTestId('custom-text-file').setInputFiles({ name: 'photo.png', mimeType: 'image/png', buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13, 1, 2, 3]) });
  await expect(panel.getByTestId('custom-text-error')).toContainText('photo.png looks like a binary file');
  await expect(panel.getByTestId('custom-text-current')).toContainText('No text yet');
  expect(page.url()).not.toContain('domainHash');

  // A real text: lowered and replaced characters are counted, its split said.
  await panel.getByTestId('custom-text-paste').fill(myWriting(16_000));
  await panel.getByTestId('custom-text-use-paste').click();
  const current = panel.getByTestId('custom-text-current');
  await expect(current).toContainText('Training on pasted text');
  await expect(current).toContainText(/\d\.\d% of characters \([\d,]+\) are outside the model’s alphabet and were replaced by spaces; \d\.\d% were capitals, lower-cased/);
  await expect(panel.getByTestId('custom-text-error')).toHaveCount(0);
  await expect.poll(() => page.url()).toMatch(/domainHash=[0-9a-f]{64}/);

  await setControl(page, 'steps', '20');
  await setControl(page, 'evalEvery', '10');
  await runAndWait(page, 'done', 150_000);
  const row = page.locator('[data-testid=run-list] tbody tr').last();
  await expect(row).toContainText('pasted text');

  // Charts: the domain is the text's held-out split, scored at every evaluation.
  const chart = page.getByTestId('chart-task-general');
  await chart.locator('summary').click();
  await expect(chart.locator('.data-table tbody tr')).toHaveCount(3);
  // Samples before and after, from the same prompts.
  const generations = page.getByTestId('generations');
  await expect(generations.getByTestId('sample-after')).toHaveCount(8);
  await expect(generations.getByTestId('sample-after').first()).toContainText(/^the man .{20,}/s);
  expect(errors).toEqual([]);
});

test('a run file carries its text: imported in a fresh profile it re-runs identically; a results link without the text says what a re-run needs @slow', async ({ page, context }) => {
  test.setTimeout(300_000);
  await openLab(page, 'preset=text-ignore&backend=wasm');
  await page.locator('select[data-key="domain"]').selectOption('custom');
  await page.getByTestId('custom-text-example').click();
  await expect(page.getByTestId('custom-text-current')).toContainText('Training on gyp-python.txt');
  await setControl(page, 'steps', '10');
  await setControl(page, 'evalEvery', '10');
  await runAndWait(page, 'done', 150_000);

  const download = page.waitForEvent('download');
  await page.getByTestId('export-json').click();
  const file = await (await download).path();
  await page.getByTestId('share-results').click();
  const link = await page.getByTestId('link-box').inputValue();

  // A results link in a profile that never saw the text: the curves, and what a re-run needs.
  const linkProfile = await context.browser()!.newContext({ baseURL: page.url() });
  const viewer = await linkProfile.newPage();
  await viewer.goto(link.includes('backend=') ? link : `${link}&backend=wasm`);
  await expect(viewer.locator('[data-testid=run-list] tbody tr')).toHaveCount(1);
  await expect(viewer.getByTestId('notices')).toContainText(/trained on 'gyp-python\.txt' \(sha256 [0-9a-f]{12}…\), which this browser does not have/);
  await linkProfile.close();

  // The run file in a fresh profile: the text comes with it, and the re-run matches.
  const fresh = await context.browser()!.newContext({ baseURL: page.url() });
  const other = await fresh.newPage();
  await openLab(other, 'backend=wasm');
  await other.getByTestId('import-file').setInputFiles(file!);
  await expect(other.getByTestId('notices')).toContainText('Imported 1 run(s)');
  await expect(other.getByTestId('notices')).not.toContainText('does not have');
  await expect(other.getByTestId('verify')).toBeEnabled({ timeout: 90_000 });
  await other.getByTestId('verify').click();
  await expect(other.getByTestId('verdict')).toHaveText(/matches/, { timeout: 150_000 });
  await fresh.close();
});

test('a 5 MB file is read, checked and split in the worker in under a second, and the page keeps drawing frames (timed: @slow, out of the fast tier)', async ({ page }) => {
  await openLab(page, 'preset=text-ignore&backend=wasm&domain=custom');
  // The file is made in the page (handing 5 MB over from the test would itself hold the page), then chosen;
  // the longest gap between animation frames is measured from then until the text is in: a blocked page stops drawing.
  await page.evaluate(() => {
    const line = 'The café on the corner opened at seven — nobody came.\n\tShe wrote letters to the Mill every week; {x: 1}.\n';
    const file = new File([line.repeat(Math.ceil(5_000_000 / line.length))], 'five.txt', { type: 'text/plain' });
    const w = window as unknown as { maxGap: number; last: number };
    w.maxGap = 0;
    w.last = performance.now();
    const tick = (t: number) => {
      w.maxGap = Math.max(w.maxGap, t - w.last);
      w.last = t;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    const input = document.querySelector<HTMLInputElement>('[data-testid=custom-text-file]')!;
    const transfer = new DataTransfer();
    transfer.items.add(file);
    input.files = transfer.files;
    input.dispatchEvent(new Event('change', { bubbles: true }));
  });
  const current = page.getByTestId('custom-text-current');
  await expect(current).toContainText('Training on five.txt', { timeout: 30_000 });
  const ms = Number((await current.innerText()).match(/checked and split in (\d+) ms/)![1]);
  const maxGap = await page.evaluate(() => (window as unknown as { maxGap: number }).maxGap);
  console.log(`5 MB file: ${ms} ms in the worker; longest frame gap on the page ${maxGap.toFixed(0)} ms`);
  expect(ms).toBeLessThan(1000);
  expect(maxGap).toBeLessThan(250);
});

test('an instructor link names a text of the site by domainUrl; another origin or a missing file is refused by name; axe finds nothing on the panel @slow', async ({ page }) => {
  await openLab(page, 'preset=text-ignore&backend=wasm&domain=custom&domainUrl=https://evil.example/notes.txt');
  await expect(page.getByTestId('notices')).toContainText(/This link's text was not loaded: domainUrl names a file on another site \(https:\/\/evil\.example\)/);
  await expect(page.getByTestId('custom-text-current')).toContainText('No text yet');

  await openLab(page, 'preset=text-ignore&backend=wasm&domain=custom&domainUrl=data/custom/no-such-file.txt');
  await expect(page.getByTestId('notices')).toContainText("This link's text was not loaded");
  await expect(page.getByTestId('custom-text-current')).toContainText('No text yet');

  await openLab(page, 'preset=text-ignore&backend=wasm&domain=custom&domainUrl=data/custom/gyp-python.txt');
  await expect(page.getByTestId('custom-text-current')).toContainText('Training on gyp-python.txt');
  await expect(page.getByTestId('notices')).toContainText('This link trains on its own text, gyp-python.txt');
  // With an error showing too.
  await page.getByTestId('custom-text-paste').fill('short');
  await page.getByTestId('custom-text-use-paste').click();
  await expect(page.getByTestId('custom-text-error')).toBeVisible();
  const result = await new AxeBuilder({ page }).include('[data-testid=custom-text]').analyze();
  expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`)).toEqual([]);
});
