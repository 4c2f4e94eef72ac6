import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { openLab, runAndWait, setControl, watchConsoleErrors } from './helpers';

test('a link opens the lab on its experiment, and the URL follows the controls', async ({ page }) => {
  await openLab(page, 'v=1&backend=wasm&mix=0.35&lora.rank=8&method=lora&seed=7&preset=lora&hide=reg&lock=task');
  await expect(page.locator('.slider:has([data-key="mix"]) input.number')).toHaveValue('0.35');
  await expect(page.locator('.slider:has([data-key="lora.rank"]) input.number')).toHaveValue('8');
  await expect(page.locator('input.number[data-key="seed"]')).toHaveValue('7');
  await expect(page.locator('fieldset[data-group="reg"]')).toHaveCount(0);
  await expect(page.locator('select[data-key="task"]')).toBeDisabled();
  await expect(page.locator('select[data-key="method"]')).toBeEnabled();

  await setControl(page, 'mix', '0.5');
  await expect.poll(() => new URL(page.url()).searchParams.get('mix')).toBe('0.5');
  const url = new URL(page.url());
  // Rewritten in today's settings version: what were version 1's defaults are now said outright.
  expect(url.searchParams.get('v')).toBe('3');
  expect(url.searchParams.get('evalEvery')).toBe('25');
  expect(url.searchParams.get('seed')).toBe('7');
  expect(url.searchParams.get('hide')).toBe('reg');
  expect(url.searchParams.has('lr')).toBe(false);
});

test('a garbled link names each rejected part, never renders it as HTML, and leaves a working lab', async ({ page }) => {
  const errors = watchConsoleErrors(page);
  const hostile = encodeURIComponent('<img src=x onerror="window.pwned=1">');
  await openLab(page, `v=1&backend=wasm&mix=7&lr=${hostile}&bogus=1&r=N4Ig${hostile}`);
  const notice = page.getByTestId('notices');
  await expect(notice).toContainText('mix:');
  await expect(notice).toContainText('lr:');
  await expect(notice).toContainText('bogus: unknown key');
  await expect(notice).toContainText('r: the shared results are garbled');
  expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
  await expect(page.locator('.slider:has([data-key="mix"]) input.number')).toHaveValue('0');
  await setControl(page, 'steps', '3');
  await setControl(page, 'evalEvery', '3');
  await runAndWait(page);
  expect(errors).toEqual([]);
});

test('a results link draws the charts before any training, and a re-run on wasm reproduces it', async ({ page, context }) => {
  test.setTimeout(240_000);
  await openLab(page);
  await setControl(page, 'steps', '20');
  await setControl(page, 'evalEvery', '10');
  await setControl(page, 'mix', '0.25');
  await runAndWait(page);
  await page.getByTestId('share-results').click();
  const link = await page.getByTestId('link-box').inputValue();
  // The runs travel in the fragment, which no server sees or limits; the settings stay in the query.
  expect(new URL(link).hash).toMatch(/^#r=./);
  expect(new URL(link).searchParams.has('r')).toBe(false);
  expect(new URL(link).searchParams.get('mix')).toBe('0.25');

  const fresh = await context.browser()!.newContext({ baseURL: page.url() });
  const other = await fresh.newPage();
  await other.goto(link.includes('backend=') ? link : `${link}&backend=wasm`);
  // Drawn from the link: baseline + two evaluations, task and general lines.
  await expect(other.getByTestId('chart-task-general').locator('.recharts-line-dots circle')).toHaveCount(6);
  await expect(other.getByTestId('chart-tradeoff').locator('.run-point')).toHaveCount(1);
  await expect(other.locator('[data-testid=run-list] tbody tr')).toHaveCount(1);
  await expect(other.getByTestId('run-list')).toContainText('from link');
  await expect(other.getByTestId('verify')).toBeEnabled({ timeout: 90_000 });
  await other.getByTestId('verify').click();
  await expect(other.getByTestId('verdict')).toHaveText(/matches/, { timeout: 120_000 });
  await expect(other.getByTestId('notices')).toContainText('Re-run matches');
  await fresh.close();
});

test('runs survive a reload, and a run interrupted by the reload says it stopped', async ({ page }) => {
  await openLab(page);
  await setControl(page, 'steps', '4');
  await setControl(page, 'evalEvery', '2');
  await runAndWait(page);
  await setControl(page, 'steps', '2000');
  await page.getByTestId('start').click();
  await expect(page.getByTestId('progress-text')).toHaveText(/step [1-9]/, { timeout: 30_000 });
  await page.reload();
  await expect(page.getByTestId('start')).toBeEnabled({ timeout: 90_000 });
  const rows = page.locator('[data-testid=run-list] tbody tr');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0).getByTestId('run-status')).toHaveText('done');
  await expect(rows.nth(1).getByTestId('run-status')).toHaveText('interrupted');
  await expect(page.getByTestId('notices')).toContainText('reloaded during');
  await expect(page.getByTestId('chart-tradeoff').locator('.run-point')).toHaveCount(1);
});

test('export downloads valid JSON and CSV; a bad import is refused and changes nothing', async ({ page }) => {
  await openLab(page);
  await setControl(page, 'steps', '4');
  await setControl(page, 'evalEvery', '2');
  await runAndWait(page);

  const [jsonDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-json').click()]);
  const json = JSON.parse(await readFile((await jsonDownload.path())!, 'utf8'));
  expect(json.format).toBe('forgetting-lab-runs/1');
  expect(json.runs[0].events.at(-1).type).toBe('done');
  expect(json.runs[0].config.steps).toBe(4);

  const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
  const csv = (await readFile((await csvDownload.path())!, 'utf8')).trim().split('\n');
  expect(csv[0]).toMatch(/^run,backend,scenario,task,method,step,task_acc/);
  expect(csv[1].split(',')[2]).toBe('skills');
  expect(csv).toHaveLength(1 + 3); // baseline + two evaluations
  expect(csv[1].split(',').length).toBe(csv[0].split(',').length);

  const [svgDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'save Task gain vs general loss as SVG' }).click()]);
  const svg = await readFile((await svgDownload.path())!, 'utf8');
  expect(svg.startsWith('<svg')).toBe(true);
  expect(svg).toContain('recharts-line');
  const [pngDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'save Task gain vs general loss as PNG' }).click()]);
  expect((await readFile((await pngDownload.path())!)).subarray(1, 4).toString()).toBe('PNG');

  const rows = page.locator('[data-testid=run-list] tbody tr');
  await page.getByTestId('import-file').setInputFiles({ name: 'nope.json', mimeType: 'application/json', buffer: Buffer.from('{"format": "something else"}') });
  await expect(page.getByTestId('notices')).toContainText('nope.json was not imported');
  await page.getByTestId('import-file').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"runs": [') });
  await expect(page.getByTestId('notices')).toContainText('not valid JSON');
  await expect(rows).toHaveCount(1);

  await page.getByTestId('import-file').setInputFiles({ name: 'back.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(json)) });
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(1)).toContainText('imported');
});

test('a diverging run stops with a message naming the step, and the lab stays usable', async ({ page }) => {
  await openLab(page, 'v=1&backend=wasm&lr=10&optimizer=sgd&clipNorm=0&steps=60');
  await page.getByTestId('start').click();
  await expect(page.getByTestId('run-message')).toContainText(/diverged.*at step \d+/, { timeout: 60_000 });
  await expect(page.locator('[data-testid=run-list] tbody tr').first().getByTestId('run-status')).toHaveText('error');
  await expect(page.getByTestId('start')).toBeEnabled();
});
