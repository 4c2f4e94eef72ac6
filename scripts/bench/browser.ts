/**
 * Browser benchmark: the built lab in headless Chromium, one backend at a time.
 * Measures what a person sees: bytes of JavaScript and wasm fetched before the
 * lab is ready, time from Start to the first chart point, the default run's
 * wall time and ms/step, main-thread long tasks during training, and the
 * worker's tensor count across consecutive runs.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium, type Browser, type CDPSession, type Page } from '@playwright/test';
import { REPO_ROOT } from '../lib/checkpointFiles';

export interface BrowserFigures {
  backend: string;
  badge: string;
  /** Bytes fetched until the lab was ready to start, by kind. */
  bytes: { js: number; wasm: number; model: number };
  firstPointMs: number;
  defaultRunWallMs: number;
  msPerStep: number;
  longTasks: { count: number; maxMs: number };
  tensorsAfterRuns?: number[];
  /** wasm: the text preset's default run, as the first text run of the page (it fetches the text model and corpus and scores the base) and as a second one. */
  text?: { firstWallMs: number; wallMs: number; msPerStep: number; firstPointMs: number };
  /** The worker's JS heap after garbage collection, after each of those runs (bytes). */
  workerHeapAfterRuns?: number[];
}

/** The lab worker's JS heap after a garbage collection, through the DevTools protocol. */
async function workerHeapReader(browser: Browser): Promise<() => Promise<number>> {
  const cdp: CDPSession = await browser.newBrowserCDPSession();
  const { targetInfos } = await cdp.send('Target.getTargets');
  const worker = targetInfos.find((t) => t.type === 'worker' && t.url.includes('labWorker'));
  if (!worker) throw new Error('the lab worker is not running');
  const { sessionId } = await cdp.send('Target.attachToTarget', { targetId: worker.targetId, flatten: false });
  let id = 0;
  const call = (method: string) =>
    new Promise<Record<string, number>>((resolve) => {
      const mine = ++id;
      const onMessage = (event: { message: string }) => {
        const reply = JSON.parse(event.message);
        if (reply.id !== mine) return;
        cdp.off('Target.receivedMessageFromTarget', onMessage);
        resolve(reply.result);
      };
      cdp.on('Target.receivedMessageFromTarget', onMessage);
      void cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id: mine, method }) });
    });
  await call('HeapProfiler.enable');
  return async () => {
    await call('HeapProfiler.collectGarbage');
    return (await call('Runtime.getHeapUsage')).usedSize;
  };
}

/** BENCH_PORT and BENCH_OUT (a build folder) let several people on one machine bench side by side, as E2E_PORT and E2E_OUT do for the tests. */
export const PORT = Number(process.env.BENCH_PORT ?? 4187);
const OUT_DIR = process.env.BENCH_OUT ?? 'dist';

export async function startPreview(): Promise<ChildProcess> {
  if (!existsSync(`${REPO_ROOT}/${OUT_DIR}/index.html`)) throw new Error(`no build in ${OUT_DIR}/: run \`npx vite build --outDir ${OUT_DIR}\` first`);
  // Vite itself, not through npx: killing npx would leave the server running.
  const server = spawn(`${REPO_ROOT}/node_modules/.bin/vite`, ['preview', '--outDir', OUT_DIR, '--host', '127.0.0.1', '--port', String(PORT), '--strictPort'], { cwd: REPO_ROOT, stdio: 'ignore' });
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${PORT}/`)).ok) return server;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  server.kill();
  throw new Error('vite preview did not start');
}

export async function waitReady(page: Page, timeout: number): Promise<void> {
  await page.waitForFunction(() => !(document.querySelector('[data-testid=start]') as HTMLButtonElement | null)?.disabled, null, { timeout });
}

async function runOnce(page: Page, timeout: number): Promise<{ firstPointMs: number; wallMs: number; msPerStep: number }> {
  const rows = await page.locator('[data-testid=run-list] tbody tr').count();
  const started = Date.now();
  await page.getByTestId('start').click();
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid=run-list] tbody tr').length > n, rows, { timeout });
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=chart-task-general] .recharts-line-dots circle').length > 0, null, { timeout });
  const firstPointMs = Date.now() - started;
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid=run-status]')[n]?.textContent === 'done', rows, { timeout });
  const wallMs = Date.now() - started;
  const time = await page.locator('[data-testid=run-list] tbody tr').nth(rows).locator('td').nth(6).innerText();
  return { firstPointMs, wallMs, msPerStep: Number(/([\d.]+) ms\/step/.exec(time)?.[1] ?? NaN) };
}

/** Debian's Chromium where it is installed (Playwright's own browser elsewhere), quiet and with WebGPU allowed. */
export function launchChromium(): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
  return chromium.launch({
    executablePath,
    args: ['--enable-unsafe-webgpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

/** Records main-thread long tasks (PerformanceObserver 'longtask') in window.__longTasks from page load on. */
export async function recordLongTasks(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __longTasks: number[] };
    w.__longTasks = [];
    new PerformanceObserver((list) => list.getEntries().forEach((e) => w.__longTasks.push(e.duration))).observe({ type: 'longtask', buffered: true });
  });
}

export async function benchBrowser(backends: string[], options: { repeatRuns: number; text: boolean; log: (s: string) => void }): Promise<BrowserFigures[]> {
  const server = await startPreview();
  const browser = await launchChromium();
  const figures: BrowserFigures[] = [];
  try {
    for (const backend of backends) {
      options.log(`browser ${backend}: loading…`);
      const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
      const page = await context.newPage();
      const bytes = { js: 0, wasm: 0, model: 0 };
      let counting = true;
      page.on('response', async (response) => {
        if (!counting) return;
        const url = response.url();
        const size = (await response.body().catch(() => Buffer.alloc(0))).length;
        if (url.endsWith('.wasm')) bytes.wasm += size;
        else if (/\.m?js(\?|$)/.test(url)) bytes.js += size;
        else if (url.includes('/models/')) bytes.model += size;
      });
      await recordLongTasks(page);
      const slow = backend === 'webgpu';
      await page.goto(`http://127.0.0.1:${PORT}/?backend=${backend}${slow ? '&steps=10&evalEvery=5' : ''}`);
      await waitReady(page, slow ? 600_000 : 120_000);
      counting = false;
      const badge = await page.getByTestId('backend-badge').innerText();
      // Long tasks from start-up are not the training's: count from here.
      await page.evaluate(() => ((window as unknown as { __longTasks: number[] }).__longTasks = []));
      options.log(`browser ${backend}: the default run…`);
      const run = await runOnce(page, slow ? 900_000 : 300_000);
      const tasks = await page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks);
      const entry: BrowserFigures = {
        backend,
        badge,
        bytes,
        firstPointMs: run.firstPointMs,
        defaultRunWallMs: run.wallMs,
        msPerStep: run.msPerStep,
        longTasks: { count: tasks.filter((d) => d > 50).length, maxMs: Math.max(0, ...tasks) },
      };
      if (options.text && backend === 'wasm') {
        options.log('browser wasm: the text scenario, twice…');
        const textPage = await context.newPage();
        await textPage.goto(`http://127.0.0.1:${PORT}/?preset=text-ignore&backend=wasm`);
        await waitReady(textPage, 120_000);
        const first = await runOnce(textPage, 300_000);
        const second = await runOnce(textPage, 300_000);
        entry.text = { firstWallMs: first.wallMs, wallMs: second.wallMs, msPerStep: second.msPerStep, firstPointMs: second.firstPointMs };
        await textPage.close();
      }
      if (options.repeatRuns > 0 && !slow) {
        options.log(`browser ${backend}: ${options.repeatRuns} more short runs for tensor growth…`);
        const input = page.locator('input.number[data-key="steps"]');
        await input.fill('5');
        await input.press('Enter');
        entry.tensorsAfterRuns = [];
        entry.workerHeapAfterRuns = [];
        const workerHeap = await workerHeapReader(browser);
        for (let i = 0; i < options.repeatRuns; i++) {
          await runOnce(page, 120_000);
          entry.tensorsAfterRuns.push(Number((await page.getByTestId('worker-tensors').innerText()).match(/(\d+)\.?$/)?.[1] ?? NaN));
          entry.workerHeapAfterRuns.push(await workerHeap());
        }
      }
      figures.push(entry);
      await context.close();
    }
  } finally {
    await browser.close();
    server.kill();
  }
  return figures;
}
