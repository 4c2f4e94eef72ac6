import { AxeBuilder } from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { openLab, watchConsoleErrors } from './helpers';
import { seededRunFile } from './seedRuns';

async function importRuns(page: Page, skills: number, text: number): Promise<void> {
  const rows = page.locator('[data-testid=run-list] tbody tr');
  const before = await rows.count();
  await page.getByTestId('import-file').setInputFiles({ name: 'class.json', mimeType: 'application/json', buffer: Buffer.from(seededRunFile(skills, text)) });
  await expect(rows).toHaveCount(before + skills + text);
}

/** The run names in a chart's data table (its first column). */
async function tableRuns(chart: Locator): Promise<Set<string>> {
  const cells = await chart.locator('.data-table tbody tr td:first-child').allTextContents();
  return new Set(cells);
}

type Box = { x: number; y: number; width: number; height: number };
const inside = (a: Box, b: Box) => a.x >= b.x - 0.5 && a.y >= b.y - 0.5 && a.x + a.width <= b.x + b.width + 0.5 && a.y + a.height <= b.y + b.height + 0.5;
const overlap = (a: Box, b: Box) => a.x < b.x + b.width - 0.5 && b.x < a.x + a.width - 0.5 && a.y < b.y + b.height - 0.5 && b.y < a.y + a.height - 0.5;

/** The plot box in page pixels (the chart's data-plot, offset by the svg's place), and every visible label's box. */
async function labelBoxes(chart: Locator): Promise<{ plot: Box; labels: Array<Box & { text: string; ids: number }> }> {
  const svg = chart.locator('svg.chart-surface');
  const [x, y, width, height] = ((await svg.getAttribute('data-plot')) ?? '').split(',').map(Number);
  const at = (await svg.boundingBox())!;
  const labels = await chart.locator('.tradeoff-labels > g').evaluateAll((gs) =>
    gs.map((g) => {
      const r = (g.querySelector('text') as SVGTextElement).getBoundingClientRect();
      return { x: r.x, y: r.y, width: r.width, height: r.height, text: g.textContent ?? '', ids: (g.getAttribute('data-ids') ?? '').split(',').length };
    }),
  );
  return { plot: { x: at.x + x, y: at.y + y, width, height }, labels };
}

test('charts show the scenario on screen; the other scenario’s runs are counted under a heading that switches to them', async ({ page }) => {
  const errors = watchConsoleErrors(page);
  await openLab(page);
  await importRuns(page, 12, 3);
  const tradeoff = page.getByTestId('chart-tradeoff');
  const taskChart = page.getByTestId('chart-task-general');

  // Skills on screen: twelve points, the task chart's runs all skills runs, its caption about exact match.
  await expect(tradeoff.locator('.run-point')).toHaveCount(12);
  for (const name of await tableRuns(tradeoff)) expect(name).not.toContain('Near prose');
  const taskRuns = await tableRuns(taskChart);
  expect(taskRuns.size).toBeGreaterThan(0);
  for (const name of taskRuns) expect(name).not.toContain('Near prose');
  await expect(taskChart.locator('figcaption')).toContainText('Exact match');
  const other = page.getByTestId('other-scenario-runs');
  await expect(other).toContainText('3 English text runs');
  expect((await new AxeBuilder({ page }).analyze()).violations.map((v) => v.id)).toEqual([]);

  // One click: the page is on the text scenario, its three runs on the charts, the skills runs counted instead.
  await other.getByTestId('show-scenario-text').click();
  await expect(tradeoff.locator('.run-point')).toHaveCount(3);
  for (const name of await tableRuns(tradeoff)) expect(name).toContain('Near prose');
  for (const name of await tableRuns(taskChart)) expect(name).toContain('Near prose');
  await expect(taskChart.locator('figcaption')).toContainText('Next-character accuracy');
  await expect(other).toContainText('12 skills runs');
  await other.getByTestId('show-scenario-skills').click();
  await expect(tradeoff.locator('.run-point')).toHaveCount(12);
  expect(errors).toEqual([]);
});

test('the trade-off chart with 30 runs: labels inside the plot and apart, folds that count their runs, zoom and reset', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await openLab(page);
  await importRuns(page, 30, 0);
  const tradeoff = page.getByTestId('chart-tradeoff');
  await expect(tradeoff.locator('.run-point')).toHaveCount(30);
  await tradeoff.scrollIntoViewIfNeeded();

  const check = async () => {
    const { plot, labels } = await labelBoxes(tradeoff);
    expect(labels.length).toBeGreaterThan(0);
    for (const l of labels) expect(inside(l, plot), `${l.text} ${JSON.stringify(l)} in ${JSON.stringify(plot)}`).toBe(true);
    for (let i = 0; i < labels.length; i++) for (let j = i + 1; j < labels.length; j++) expect(overlap(labels[i], labels[j]), `${labels[i].text} / ${labels[j].text}`).toBe(false);
    return labels;
  };
  const labels = await check();
  expect((await new AxeBuilder({ page }).include('[data-testid=chart-tradeoff]').include('[data-testid=chart-task-general]').analyze()).violations.map((v) => v.id)).toEqual([]);
  // Every run is in exactly one label; twins (the same scores) say how many they are.
  expect(labels.reduce((n, l) => n + l.ids, 0)).toBe(30);
  expect(labels.some((l) => /×\d/.test(l.text) || /runs/.test(l.text))).toBe(true);

  // The axes fit the runs (gains of 60–99 points), not 0–100.
  const svg = tradeoff.locator('svg.chart-surface');
  const fitted = (await svg.getAttribute('data-domain'))!;
  const [, , yMin] = fitted.split(',').map(Number);
  expect(yMin).toBeGreaterThan(20);

  // A folded label opens on keyboard focus and lists its runs.
  const fold = tradeoff.locator('.tradeoff-fold').first();
  if (await fold.count()) {
    await fold.focus();
    await expect(tradeoff.getByTestId('tradeoff-popup').locator('li')).toHaveCount(Number(await fold.evaluate((g) => (g.getAttribute('data-ids') ?? '').split(',').length)));
    await fold.blur();
  }

  // Drag a box: the axes zoom to it, the labels still inside and apart; Reset restores the fitted axes.
  const plot = (await labelBoxes(tradeoff)).plot;
  await page.mouse.move(plot.x + plot.width * 0.05, plot.y + plot.height * 0.05);
  await page.mouse.down();
  await page.mouse.move(plot.x + plot.width * 0.5, plot.y + plot.height * 0.5, { steps: 5 });
  await page.mouse.up();
  await expect(svg).not.toHaveAttribute('data-domain', fitted);
  await check();
  await tradeoff.getByTestId('tradeoff-zoom-reset').click();
  await expect(svg).toHaveAttribute('data-domain', fitted);
  // Ctrl + wheel zooms around the pointer; the keyboard's Escape fits again.
  await page.mouse.move(plot.x + plot.width / 2, plot.y + plot.height / 2);
  await page.keyboard.down('Control');
  await page.mouse.wheel(0, -200);
  await page.keyboard.up('Control');
  await expect(svg).not.toHaveAttribute('data-domain', fitted);
  await svg.focus();
  await page.keyboard.press('Escape');
  await expect(svg).toHaveAttribute('data-domain', fitted);
});

test('hovering or focusing a legend entry highlights that run on every chart', async ({ page }) => {
  await openLab(page);
  await importRuns(page, 6, 0);
  const tradeoff = page.getByTestId('chart-tradeoff');
  await expect(tradeoff.locator('.run-point')).toHaveCount(6);
  const entry = page.getByTestId('chart-task-general').locator('.legend-item').nth(2);
  await entry.focus();
  const faint = tradeoff.locator('.run-point[opacity="0.25"]');
  await expect(faint).toHaveCount(5);
  await expect(page.getByTestId('chart-task-general').locator('.recharts-line-curve[stroke-opacity="0.2"]')).toHaveCount(10);
  await entry.blur();
  await expect(faint).toHaveCount(0);
  await tradeoff.locator('.legend-item').first().hover();
  await expect(faint).toHaveCount(5);
});

test('the class view groups runs by scenario, each with its own trade-off chart', async ({ page }) => {
  await openLab(page);
  const classView = page.getByTestId('class-view');
  await classView.locator('summary').first().click();
  await classView.getByTestId('class-files').setInputFiles({ name: 'ana.json', mimeType: 'application/json', buffer: Buffer.from(seededRunFile(4, 2)) });
  const skills = classView.getByTestId('class-scenario-skills');
  const text = classView.getByTestId('class-scenario-text');
  await expect(skills.locator('.run-point')).toHaveCount(4);
  await expect(text.locator('.run-point')).toHaveCount(2);
  for (const name of await tableRuns(text.getByTestId('chart-class-tradeoff-text'))) expect(name).toContain('Near prose');
  for (const name of await tableRuns(skills.getByTestId('chart-class-tradeoff-skills'))) expect(name).not.toContain('Near prose');
  await expect(skills.getByTestId('class-runs').locator('tbody tr')).toHaveCount(4);
  await expect(text.getByTestId('class-runs').locator('tbody tr')).toHaveCount(2);
});
