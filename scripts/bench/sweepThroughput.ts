/**
 * Sweep throughput in the built page (wasm): a 4-run sweep with one worker
 * (the page told the machine has one core) against the same sweep with the
 * workers the machine's cores allow, and main-thread long tasks while a
 * sweep runs with 20 runs on the charts.
 */
import type { Browser, Page } from '@playwright/test';
import { launchChromium, PORT, recordLongTasks, startPreview, waitReady } from './browser';

export interface SweepFigures {
  /** Workers the page used in the parallel case (navigator.hardwareConcurrency, capped at 4). */
  cores: number;
  sequentialMs: number;
  parallelMs: number;
  /** parallel / sequential wall time for the same 4 runs. */
  ratio: number;
  /** Runs on the charts while the long tasks were recorded. */
  runsOnCharts: number;
  longTasks: { count: number; over100: number; maxMs: number };
}

const rowCount = (page: Page) => page.locator('[data-testid=run-list] tbody tr').count();

/** Queues a sweep of `key` over `values` and waits until every run has finished and the queue is empty. */
async function sweep(page: Page, key: string, values: string, seeds: number, timeout: number): Promise<number> {
  const before = await rowCount(page);
  await page.getByTestId('sweep-key-1').selectOption(key);
  await page.getByTestId('sweep-values-1').fill(values);
  await page.getByTestId('sweep-seeds').fill(String(seeds));
  const runs = values.split(',').length * seeds;
  const started = Date.now();
  await page.getByTestId('queue-sweep').click();
  await page.waitForFunction(
    (n) => [...document.querySelectorAll('[data-testid=run-status]')].filter((e) => e.textContent === 'done').length >= n && !document.querySelector('[data-testid=queue]'),
    before + runs,
    { timeout, polling: 200 },
  );
  return Date.now() - started;
}

async function openLab(browser: Browser, cores?: number): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  if (cores !== undefined) await page.addInitScript(`Object.defineProperty(navigator, 'hardwareConcurrency', { get: () => ${cores} })`);
  await recordLongTasks(page);
  await page.goto(`http://127.0.0.1:${PORT}/?backend=wasm`);
  await waitReady(page, 120_000);
  return page;
}

async function setSteps(page: Page, steps: number): Promise<void> {
  const input = page.locator('input.number[data-key="steps"]');
  await input.fill(String(steps));
  await input.press('Enter');
}

export async function benchSweep(log: (s: string) => void): Promise<SweepFigures> {
  const server = await startPreview();
  const browser = await launchChromium();
  try {
    log('browser sweep: 4 runs on one worker…');
    const one = await openLab(browser, 1);
    const sequentialMs = await sweep(one, 'mix', '0, 0.5', 2, 300_000);
    await one.context().close();

    log('browser sweep: the same 4 runs on parallel workers…');
    const page = await openLab(browser);
    const cores = await page.evaluate(() => Math.min(4, navigator.hardwareConcurrency));
    const parallelMs = await sweep(page, 'mix', '0, 0.5', 2, 300_000);

    log('browser sweep: 16 short runs more, then a sweep with 20 runs on the charts…');
    await setSteps(page, 30);
    await sweep(page, 'lr', '1e-4, 3e-4, 1e-3, 3e-3, 2e-3, 5e-4, 2e-4, 7e-4', 2, 600_000);
    await setSteps(page, 150);
    const runsOnCharts = await rowCount(page);
    await page.evaluate(() => ((window as unknown as { __longTasks: number[] }).__longTasks = []));
    await sweep(page, 'mix', '0.25, 0.75', 2, 300_000);
    const tasks = await page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks);
    await page.context().close();
    return {
      cores,
      sequentialMs,
      parallelMs,
      ratio: parallelMs / sequentialMs,
      runsOnCharts,
      longTasks: { count: tasks.length, over100: tasks.filter((d) => d > 100).length, maxMs: Math.max(0, ...tasks) },
    };
  } finally {
    await browser.close();
    server.kill();
  }
}
