import { readFile } from 'node:fs/promises';
import { expect, type Page } from '@playwright/test';

/** A run as a run file holds it (docs/architecture.md: a saved run). */
interface FileRun {
  name: string;
  config: Record<string, unknown>;
  backend: string;
  events: Array<{ type: string; [key: string]: unknown }>;
}

/** Every run in the page, as the page's own JSON export writes it. */
export async function exportRuns(page: Page): Promise<{ format: string; runs: FileRun[] }> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-json').click()]);
  return JSON.parse(await readFile((await download.path())!, 'utf8'));
}

/** Long run names, each different, as a class writes them (an imported file allows 80 characters). */
export const longName = (i: number) => `Table ${i + 1}: mix at ${(0.05 * (i + 1)).toFixed(2)}, lr tried again after the first attempt diverged`;

/**
 * Imports `count` copies of the page's first run under long names, each with its
 * own lr, so the run list and charts hold many runs without training them all
 * (layout tests only: the copies' numbers are the trained run's).
 */
export async function importCopies(page: Page, count: number): Promise<void> {
  const file = await exportRuns(page);
  const [source] = file.runs;
  const runs = Array.from({ length: count }, (_, i) => ({ ...source, name: longName(i), config: { ...source.config, lr: 0.001 * (i + 1) } }));
  const rows = page.locator('[data-testid=run-list] tbody tr');
  const before = await rows.count();
  await page.getByTestId('import-file').setInputFiles({ name: 'many.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ ...file, runs })) });
  await expect(rows).toHaveCount(before + count);
}
