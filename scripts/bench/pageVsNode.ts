/**
 * The page against Node: each scenario's default run in the built page (wasm,
 * charts live) and the same run in Node, back to back in pairs so both see
 * the same load on a shared machine. The page's figures say where its time
 * goes: the worker's own time for the run (its clock, pauses left out), the
 * part of it spent waiting for the page to take events, and the page's main
 * thread busy time; a run with the charts hidden shows what drawing costs.
 * Node's run is a session's later run (baseline cached); the page scores the
 * baseline before Start (the worker's prepare), so its runs compare.
 */
import type { Page } from '@playwright/test';
import { useBackend } from '../../src/engine/backend/backends';
import { presetConfig } from '../../src/engine/config/presets';
import { configSchema } from '../../src/engine/config/schema';
import { runOnce as runInNode } from '../lib/runOnce';
import { readScenarioAssets } from '../lib/scenarioAssets';
import { launchChromium, PORT, startPreview, waitReady } from './browser';

interface PageRun {
  wallMs: number;
  /** The run as the worker timed it, and the part of that spent waiting for the page to take events. */
  workerMs: number;
  waitedMs: number;
  /** The page's main thread busy from Start to done (CDP TaskDuration). */
  mainThreadMs: number;
}

export interface PageVsNodeFigures {
  preset: string;
  steps: number;
  /** The page's first run (the worker prepared it while the page waited for Start). */
  firstPage: PageRun;
  /** Pairs measured back to back: a Node run and a page run, in turns first. */
  pairs: { nodeMs: number; page: PageRun }[];
  chartsHidden: PageRun;
  /** Median page wall time over median Node wall time. */
  ratio: number;
}

function median(xs: number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Starts a run in the page and waits for it to finish; the worker's figures come from the lab store's performance mark. */
async function pageRun(page: Page, timeout: number): Promise<PageRun> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const busy = async () => (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration')?.value ?? NaN;
  const rows = await page.locator('[data-testid=run-list] tbody tr').count();
  const busyBefore = await busy();
  const started = Date.now();
  await page.getByTestId('start').click();
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid=run-status]')[n]?.textContent === 'done', rows, { timeout, polling: 50 });
  const wallMs = Date.now() - started;
  const mainThreadMs = 1000 * ((await busy()) - busyBefore);
  await cdp.detach();
  const worker = await page.evaluate(() => (performance.getEntriesByName('lab:run-end').at(-1) as PerformanceMark | undefined)?.detail as { workerMs: number; waitedMs: number } | undefined);
  if (!worker) throw new Error('the page did not mark the end of its run (lab:run-end)');
  return { wallMs, workerMs: worker.workerMs, waitedMs: worker.waitedMs, mainThreadMs };
}

/** Waits for the worker to have prepared the run Start would begin (the lab store marks it). */
async function prepared(page: Page, timeout: number): Promise<void> {
  await page.waitForFunction(() => performance.getEntriesByName('lab:prepared').length > 0, null, { timeout, polling: 100 });
}

export async function benchPageVsNode(presets: string[], options: { pairs: number; log: (s: string) => void }): Promise<PageVsNodeFigures[]> {
  await useBackend('wasm');
  const server = await startPreview();
  const browser = await launchChromium();
  const figures: PageVsNodeFigures[] = [];
  try {
    for (const preset of presets) {
      const config = configSchema.parse(presetConfig(preset));
      const assets = await readScenarioAssets(config.scenario);
      const timeout = 600_000;
      options.log(`page vs Node, ${preset}: warming up both…`);
      // Node: JIT, kernels and the baseline (cached for the timed runs), as the page's prepare does.
      await runInNode({ ...config, steps: 2, evalEvery: 1 }, 'wasm', assets);
      const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
      const page = await context.newPage();
      await page.goto(`http://127.0.0.1:${PORT}/?preset=${preset}&backend=wasm`);
      await waitReady(page, timeout);
      await prepared(page, timeout);
      const firstPage = await pageRun(page, timeout);
      const pairs: PageVsNodeFigures['pairs'] = [];
      for (let i = 0; i < options.pairs; i++) {
        options.log(`page vs Node, ${preset}: pair ${i + 1} of ${options.pairs}…`);
        // Alternately Node first and the page first, so a load that drifts favours neither.
        const pageFirst = i % 2 === 1;
        const pageBefore = pageFirst ? await pageRun(page, timeout) : null;
        const node = await runInNode(config, 'wasm', assets);
        if (!node.summary) throw new Error(`the Node run failed: ${node.error}`);
        pairs.push({ nodeMs: node.wallMs, page: pageBefore ?? (await pageRun(page, timeout)) });
      }
      // What drawing costs: the same run with the charts not laid out (recharts draws nothing at zero size).
      const style = await page.addStyleTag({ content: '.charts, .recharts-responsive-container { display: none !important; }' });
      const chartsHidden = await pageRun(page, timeout);
      await style.evaluate((node) => (node as Element).remove());
      await context.close();
      const ratio = median(pairs.map((p) => p.page.wallMs)) / median(pairs.map((p) => p.nodeMs));
      figures.push({ preset, steps: config.steps, firstPage, pairs, chartsHidden, ratio });
    }
  } finally {
    await browser.close();
    server.kill();
  }
  return figures;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

function describePageRun(r: PageRun): string {
  return `${seconds(r.wallMs)} (worker ${seconds(r.workerMs)}, ${seconds(r.waitedMs)} of it waiting for the page; main thread busy ${seconds(r.mainThreadMs)})`;
}

/** The figures as lines of the bench's report. */
export function describePageVsNode(figures: PageVsNodeFigures[]): string[] {
  const out: string[] = [];
  for (const f of figures) {
    out.push(`Page against Node, wasm, the ${f.preset} default run (${f.steps} steps), measured back to back in ${f.pairs.length} pair(s):`);
    f.pairs.forEach((p, i) => out.push(`  pair ${i + 1}: Node ${seconds(p.nodeMs)}, page ${describePageRun(p.page)}: ${(p.page.wallMs / p.nodeMs).toFixed(2)}×`));
    out.push(`  page / Node (medians): ${f.ratio.toFixed(2)}×`);
    out.push(`  the page's first run (prepared before Start): ${describePageRun(f.firstPage)}`);
    out.push(`  charts hidden: ${describePageRun(f.chartsHidden)}`);
  }
  return out;
}
