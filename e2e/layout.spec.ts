import { expect, test, type Locator, type Page } from '@playwright/test';
import { openLab, runAndWait, setControl } from './helpers';
import { importCopies, longName } from './manyRuns';

/** A short real run, then twelve copies of it under long names: a full class's run list. */
async function manyRuns(page: Page, query = 'backend=wasm'): Promise<void> {
  await openLab(page, query);
  await setControl(page, 'steps', '4');
  await setControl(page, 'evalEvery', '2');
  await runAndWait(page);
  await importCopies(page, 12);
}

/** Two short runs of a mix sweep, whose rows carry the sweep's tag and its own actions. */
async function sweepRuns(page: Page): Promise<void> {
  const done = page.getByTestId('run-status').filter({ hasText: /^done$/ });
  const before = await done.count();
  await page.getByTestId('sweep-key-1').selectOption('mix');
  await page.getByTestId('sweep-values-1').fill('0, 0.25');
  await page.getByTestId('sweep-seeds').fill('1');
  await page.getByTestId('queue-sweep').click();
  await expect(done).toHaveCount(before + 2, { timeout: 120_000 });
}

/** Whether a box lies wholly inside the viewport (and above `bottom`, where something pinned covers the rest). */
async function expectOnScreen(page: Page, what: Locator, name: string, bottom?: number): Promise<void> {
  const box = (await what.boundingBox())!;
  const { width, height } = page.viewportSize()!;
  expect(box, `${name} is drawn`).not.toBeNull();
  expect(box.y, `${name} top`).toBeGreaterThanOrEqual(0);
  expect(box.x, `${name} left`).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width, `${name} right`).toBeLessThanOrEqual(width);
  expect(box.y + box.height, `${name} bottom`).toBeLessThanOrEqual(bottom ?? height);
}

/** The run list's box and table do not scroll sideways, nor does the page; every Delete is within the viewport's width. */
async function expectRunListFits(page: Page): Promise<void> {
  const widths = await page.evaluate(() => {
    const box = document.querySelector('[data-testid=run-list]')!.parentElement!;
    const table = document.querySelector('[data-testid=run-list]')!;
    return { box: [box.scrollWidth, box.clientWidth], table: [table.scrollWidth, table.clientWidth, box.clientWidth], page: [document.documentElement.scrollWidth, document.documentElement.clientWidth] };
  });
  expect(widths.box[0], 'run list box scrollWidth ≤ clientWidth').toBeLessThanOrEqual(widths.box[1]);
  expect(widths.table[0], 'run list table within its box').toBeLessThanOrEqual(widths.table[2]);
  expect(widths.page[0], 'no sideways scroll of the page').toBeLessThanOrEqual(widths.page[1]);
  const deletes = page.getByTestId('run-delete');
  expect(await deletes.count()).toBe(15);
  const { width } = page.viewportSize()!;
  for (const box of await deletes.evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON() as DOMRect))) {
    expect(box.left).toBeGreaterThanOrEqual(0);
    expect(box.right).toBeLessThanOrEqual(width);
  }
}

test('the run list fits 1280 px and 390 px with 15 runs (two of a sweep): long names cut, in full on hover, in the accessible name and on keyboard focus', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await manyRuns(page);
  await sweepRuns(page);
  await expectRunListFits(page);
  await page.setViewportSize({ width: 390, height: 844 });
  // The charts take a moment to follow the new width.
  await expect(() => expectRunListFits(page)).toPass();
  await page.setViewportSize({ width: 1280, height: 800 });

  // A long name is cut, its full text in the title and the button's accessible name.
  const full = longName(11);
  // (The charts' legends name the run too: the list's own button.)
  const name = page.getByTestId('run-list').getByRole('button', { name: full, exact: true });
  await expect(name).toHaveAttribute('title', full);
  // Cut after two lines (line-clamp draws the ellipsis): more of it hidden than shown.
  const cut = () => name.evaluate((e) => e.scrollHeight > e.clientHeight + 1);
  expect(await cut(), 'the long name is cut with an ellipsis').toBe(true);
  expect(await name.evaluate((e) => getComputedStyle(e).webkitLineClamp)).toBe('2');
  // Reached with the keyboard (Tab into its row), the row shows the name in full.
  const row = page.locator('[data-testid=run-list] tbody tr', { has: page.getByRole('button', { name: full, exact: true }) });
  await row.getByRole('checkbox', { name: /^show / }).focus();
  await page.keyboard.press('Tab');
  await expect(row.getByTestId('compare-pick')).toBeFocused();
  expect(await cut(), 'the name is whole while its row has keyboard focus').toBe(false);
});

test('presentation mode at 1280×800 and 1920×1080: Start and the two main charts on the first screen, axis titles ≥ 18 px at ≥ 4.5:1', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await manyRuns(page);
  // Outside presentation mode the axis titles are dark enough too (recharts' own grey is 3.9:1).
  for (const title of await axisTitles(page)) expect(title.contrast, `${title.text} contrast`).toBeGreaterThanOrEqual(4.5);

  // A first visit (the introduction open) with the link's present=1.
  await page.evaluate(() => localStorage.clear());
  await openLab(page, 'backend=wasm&present=1');
  await expect(page.getByTestId('intro')).toBeVisible();
  for (const [width, height] of [
    [1280, 800],
    [1920, 1080],
  ]) {
    await page.setViewportSize({ width, height });
    await page.evaluate(() => window.scrollTo(0, 0));
    await expectOnScreen(page, page.getByTestId('start'), `Start at ${width}`);
    for (const id of ['task-general', 'tradeoff']) {
      const chart = page.getByTestId(`chart-${id}`);
      await expectOnScreen(page, chart.locator('h3'), `${id} title at ${width}`);
      await expectOnScreen(page, chart.locator('.chart-area'), `${id} plot at ${width}`);
    }
    const titles = await axisTitles(page);
    expect(titles.map((t) => t.text)).toEqual(expect.arrayContaining(['step', 'forgetting (pts)', 'task gain (pts)']));
    for (const title of titles) {
      expect(title.size, `${title.text} font size`).toBeGreaterThanOrEqual(18);
      expect(title.contrast, `${title.text} contrast`).toBeGreaterThanOrEqual(4.5);
    }
  }
});

/** The two main charts' axis titles: text, computed font size, and contrast against their card. */
async function axisTitles(page: Page): Promise<{ text: string; size: number; contrast: number }[]> {
  return page.evaluate(() => {
    const rgb = (c: string) => (c.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
    const luminance = (c: string) => {
      const [r, g, b] = rgb(c).map((v) => {
        const s = v / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const ratio = (a: string, b: string) => {
      const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
      return (hi + 0.05) / (lo + 0.05);
    };
    const axisWords = ['step', 'forgetting (pts)', 'task gain (pts)'];
    return [...document.querySelectorAll('[data-testid=chart-task-general] .recharts-label, [data-testid=chart-tradeoff] .recharts-label')]
      // The trade-off chart's titles end with an arrow that shows the axis's direction.
      .filter((e) => axisWords.includes((e.textContent ?? '').replace(/\s*→$/, '')))
      .map((e) => {
        const card = e.closest('.chart-card')!;
        const style = getComputedStyle(e);
        return { text: (e.textContent ?? '').replace(/\s*→$/, ''), size: parseFloat(style.fontSize), contrast: ratio(style.fill, getComputedStyle(card).backgroundColor) };
      });
  });
}

test.describe('on a phone (390 × 844)', () => {
  test.use({ viewport: { width: 390, height: 844 } });
  test('after Start the task chart is one tap away: a Charts button pinned beside Start lands on it', async ({ page }) => {
    await openLab(page);
    await setControl(page, 'steps', '4');
    await setControl(page, 'evalEvery', '2');
    await runAndWait(page);
    await page.evaluate(() => window.scrollTo(0, 0));
    const jump = page.getByTestId('jump-to-charts');
    await expectOnScreen(page, jump, 'the Charts button at the top of the page');
    await jump.click();
    // The run bar stays pinned over the bottom of the screen: the chart must sit above it.
    const barTop = await page.locator('.run-controls').evaluate((e) => e.getBoundingClientRect().top);
    const chart = page.getByTestId('chart-task-general');
    await expectOnScreen(page, chart.locator('h3'), 'task chart title');
    await expectOnScreen(page, chart.locator('.chart-area'), 'task chart plot', barTop);
    await expect(page.locator('#charts')).toBeFocused();
    // Still there further down, after scrolling past the charts.
    await page.mouse.wheel(0, 4000);
    await expectOnScreen(page, jump, 'the Charts button after scrolling');
  });
});
