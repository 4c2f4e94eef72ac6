import type { Server } from 'node:http';
import { expect, test } from '@playwright/test';
import { runAndWait, setControl, watchConsoleErrors } from './helpers';
import { serveStatic } from './staticHost';

// The build the browser tests run against (playwright.config.ts builds it), served from a sub-path
// by a plain static server: what GitHub Pages or an object store does.
const BUILD = process.env.E2E_OUT ?? 'dist';
let host: { server: Server; url: string };

test.beforeAll(async () => {
  host = await serveStatic(BUILD, '/some/sub/path/');
});
test.afterAll(() => new Promise<void>((done) => host.server.close(() => done())));

test('the built lab works from a sub-path of a plain static host: it loads its model, trains, and its links carry that address', async ({ page }) => {
  const errors = watchConsoleErrors(page);
  const failed: string[] = [];
  page.on('response', (r) => {
    if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`);
  });
  await page.goto(`${host.url}?backend=wasm`);
  await expect(page.getByTestId('progress-text')).toHaveText('ready', { timeout: 90_000 });
  await setControl(page, 'steps', '4');
  await setControl(page, 'evalEvery', '2');
  await runAndWait(page, 'done');
  // The page's own link (the URL it keeps in step with the controls) stays under the sub-path.
  expect(page.url()).toContain('/some/sub/path/');
  expect(failed).toEqual([]);
  expect(errors).toEqual([]);
});
