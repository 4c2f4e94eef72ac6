import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { NEW_VERSION, WAITS_FOR_RUNS } from '../src/ui/pwa/updatePrompt';
import { openLab, runAndWait, setControl, watchConsoleErrors } from './helpers';
import { serveStatic } from './staticHost';

// Offline after one visit (docs/deploy.md): the build's service worker (vite.config.ts) keeps the lab.
// The other specs block service workers (playwright.config.ts); these are about them.
test.use({ serviceWorkers: 'allow' });

const BUILD = process.env.E2E_OUT ?? 'dist';

/** Every file under a folder, as paths relative to it with forward slashes. */
function filesUnder(folder: string): string[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(folder, join(e.parentPath, e.name)).replaceAll('\\', '/'));
}

/** The URLs the built service worker precaches, with their revisions, as Workbox wrote them into sw.js. */
function precached(folder: string): Map<string, string | null> {
  const sw = readFileSync(join(folder, 'sw.js'), 'utf8');
  const entries = [...sw.matchAll(/\{url:"([^"]+)",revision:(?:"([^"]+)"|null)\}/g)];
  return new Map(entries.map(([, url, revision]) => [url, revision ?? null]));
}

/** Waits until the service worker has saved the lab and controls the page, as after a first visit. */
async function waitUntilKeptOffline(page: Page): Promise<void> {
  await expect(page.getByTestId('offline-status')).toHaveAttribute('data-state', 'ready', { timeout: 90_000 });
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
}

test('the built service worker precaches every file of the build, the app, wasm, both base models and the text corpus', () => {
  const files = filesUnder(BUILD).filter((f) => f !== 'sw.js' && !/^workbox-[\w-]+\.js$/.test(f));
  const cached = [...precached(BUILD).keys()];
  expect(cached.sort()).toEqual(files.sort());
  for (const needed of ['index.html', 'models/base/weights.bin', 'models/text/weights.bin', 'data/text/manifest.json', 'data/text/code.train.txt']) {
    expect(cached).toContain(needed);
  }
  expect(cached.filter((f) => f.endsWith('.wasm'))).toHaveLength(3);
});

test('the web app manifest makes the lab installable: its own folder as start and scope, standalone, and icons that are PNGs of the sizes it says', () => {
  const manifest = JSON.parse(readFileSync(join(BUILD, 'manifest.webmanifest'), 'utf8'));
  expect(manifest).toMatchObject({ start_url: './', scope: './', display: 'standalone', name: 'Forgetting Lab' });
  expect(manifest.theme_color).toMatch(/^#[0-9a-f]{6}$/);
  const purposes = new Set<string>();
  const sizes = new Set<string>();
  for (const icon of manifest.icons as { src: string; sizes: string; purpose: string }[]) {
    const png = readFileSync(join(BUILD, icon.src));
    expect(png.subarray(1, 4).toString('ascii'), icon.src).toBe('PNG');
    expect(`${png.readUInt32BE(16)}x${png.readUInt32BE(20)}`, icon.src).toBe(icon.sizes);
    purposes.add(icon.purpose);
    sizes.add(icon.sizes);
  }
  expect([...purposes].sort()).toEqual(['any', 'maskable']);
  expect([...sizes].sort()).toEqual(['192x192', '512x512']);
  expect(readFileSync(join(BUILD, 'index.html'), 'utf8')).toContain('<link rel="manifest" href="./manifest.webmanifest"');
});

test('with the network off after one visit, a reload opens the lab and a skills run completes', async ({ page, context }) => {
  const errors = watchConsoleErrors(page);
  await openLab(page);
  await waitUntilKeptOffline(page);
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByTestId('progress-text')).toHaveText('ready', { timeout: 90_000 });
  await setControl(page, 'steps', '4');
  await setControl(page, 'evalEvery', '2');
  await runAndWait(page, 'done');
  expect(await page.evaluate(() => navigator.onLine)).toBe(false);
  expect(errors).toEqual([]);
});

test('with the network off after one visit, a text link opens the text scenario and a text run completes @slow', async ({ page, context }) => {
  const errors = watchConsoleErrors(page);
  // One visit, to the skills scenario: the text model and corpus are saved all the same.
  await openLab(page);
  await waitUntilKeptOffline(page);
  await context.setOffline(true);
  await page.goto('./?scenario=text&backend=wasm');
  await expect(page.getByTestId('progress-text')).toHaveText('ready', { timeout: 90_000 });
  await expect(page.locator('select[data-key="scenario"]')).toHaveValue('text');
  await setControl(page, 'steps', '4');
  await setControl(page, 'evalEvery', '2');
  await runAndWait(page, 'done', 150_000);
  expect(errors).toEqual([]);
});

test.describe('from a static host', () => {
  let folder: string;
  let host: { server: Server; url: string };
  test.beforeEach(async () => {
    folder = mkdtempSync(join(tmpdir(), 'lab-offline-'));
    cpSync(BUILD, folder, { recursive: true });
    host = await serveStatic(folder, '/lab/');
  });
  test.afterEach(async () => {
    await new Promise<void>((done) => host.server.close(() => done()));
    rmSync(folder, { recursive: true, force: true });
  });

  test('a new deployment offers Reload, which waits for the run in progress and then opens the new version @slow', async ({ page }) => {
    await page.goto(`${host.url}?backend=wasm`);
    await expect(page.getByTestId('progress-text')).toHaveText('ready', { timeout: 90_000 });
    await waitUntilKeptOffline(page);

    // A run long enough to be training when the new version comes.
    await setControl(page, 'steps', '5000');
    await page.getByTestId('start').click();
    await expect(page.getByTestId('stop')).toBeVisible();
    await page.evaluate(() => Object.assign(window, { openedBefore: true }));

    // Deploy a new version: a changed index.html, and the service worker that lists its new revision.
    const html = readFileSync(join(folder, 'index.html'), 'utf8').replace('</head>', '<meta name="deployment" content="next"></head>');
    writeFileSync(join(folder, 'index.html'), html);
    const oldRevision = precached(folder).get('index.html')!;
    const newRevision = createHash('md5').update(html).digest('hex');
    writeFileSync(join(folder, 'sw.js'), readFileSync(join(folder, 'sw.js'), 'utf8').replace(oldRevision, newRevision));
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.update());

    const notices = page.getByTestId('notices');
    await expect(notices).toContainText(NEW_VERSION, { timeout: 60_000 });
    expect((await new AxeBuilder({ page }).analyze()).violations.map((v) => v.id), 'axe with the notice').toEqual([]);
    await notices.getByRole('button', { name: 'Reload' }).click();
    // The run goes on, on this page: Reload waits for it.
    await expect(notices).toContainText(WAITS_FOR_RUNS);
    await expect(page.getByTestId('stop')).toBeVisible();
    const stepBefore = await page.getByTestId('progress-text').innerText();
    await expect(page.getByTestId('progress-text')).not.toHaveText(stepBefore);
    expect(await page.evaluate(() => 'openedBefore' in window)).toBe(true);

    // Once the run is stopped, the new version loads.
    await page.getByTestId('stop').click();
    await page.waitForFunction(() => !('openedBefore' in window), undefined, { timeout: 60_000 });
    await expect(page.getByTestId('progress-text')).toHaveText('ready', { timeout: 90_000 });
    await expect(page.locator('meta[name=deployment]')).toHaveAttribute('content', 'next');
  });

  test('a service worker that cannot save the lab (a precached file missing) leaves the lab working online', async ({ page }) => {
    const errors = watchConsoleErrors(page);
    // A file only the text scenario reads: its loss fails the install, not a skills run.
    unlinkSync(join(folder, 'data/text/words.txt'));
    await page.goto(`${host.url}?backend=wasm`);
    await expect(page.getByTestId('progress-text')).toHaveText('ready', { timeout: 90_000 });
    await expect(page.getByTestId('offline-status')).toHaveAttribute('data-state', 'failed', { timeout: 60_000 });
    await expect(page.getByTestId('offline-status')).toContainText('it works online as usual');
    await setControl(page, 'steps', '4');
    await setControl(page, 'evalEvery', '2');
    await runAndWait(page, 'done');
    expect(await page.evaluate(() => navigator.serviceWorker.controller)).toBeNull();
    expect(errors).toEqual([]);
  });

  test('at a plain http address of the room\'s network, the lab works and says it cannot be kept offline there', async ({ playwright }) => {
    // A name other than localhost, as a laptop's address on the room's network is: not a secure context.
    const browser = await playwright.chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined),
      args: ['--host-resolver-rules=MAP lab.test 127.0.0.1'],
    });
    const page = await browser.newPage();
    const errors = watchConsoleErrors(page);
    await page.goto(`${host.url.replace('127.0.0.1', 'lab.test')}?backend=wasm`);
    await expect(page.getByTestId('progress-text')).toHaveText('ready', { timeout: 90_000 });
    expect(await page.evaluate(() => window.isSecureContext)).toBe(false);
    await expect(page.getByTestId('offline-status')).toHaveAttribute('data-state', 'insecure');
    await expect(page.getByTestId('offline-status')).toContainText('https or localhost');
    await setControl(page, 'steps', '4');
    await setControl(page, 'evalEvery', '2');
    await runAndWait(page, 'done');
    expect(errors).toEqual([]);
    await browser.close();
  });
});
