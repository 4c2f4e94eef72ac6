import { AxeBuilder } from '@axe-core/playwright';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { openLab, setControl, watchConsoleErrors } from './helpers';

const axeViolations = async (page: Page, selector: string) => (await new AxeBuilder({ page }).include(selector).analyze()).violations.map((v) => v.id);

/** A participant on a laptop of their own: opens their slot's link, queues their slice, and shares a results link under their name. */
async function participant(browser: Browser, link: string, name: string): Promise<string> {
  const page = await (await browser.newContext()).newPage();
  const errors = watchConsoleErrors(page);
  await page.goto(`${link}&backend=wasm`);
  await expect(page.getByTestId('progress-text')).toHaveText('ready', { timeout: 90_000 });
  const panel = page.getByTestId('class-sweep-panel');
  await expect(panel).toContainText('(from your link)');
  await expect(panel.getByTestId('class-sweep-mine')).toContainText('2 run(s)');
  await panel.getByTestId('class-sweep-queue').click();
  await expect(page.getByTestId('run-status').filter({ hasText: /^done$/ })).toHaveCount(2, { timeout: 180_000 });
  await page.getByTestId('participant-name').first().fill(name);
  await page.getByTestId('share-results').click();
  const results = await page.getByTestId('link-box').inputValue();
  expect(errors).toEqual([]);
  await page.context().close();
  return results;
}

test('a class sweep: three participants run a slot each, and the class view draws the curve one browser running the whole grid draws @slow', async ({ page, browser }) => {
  test.setTimeout(600_000);
  await openLab(page);
  await setControl(page, 'steps', '10');
  await setControl(page, 'evalEvery', '5');
  await page.getByTestId('sweep-key-1').selectOption('mix');
  await page.getByTestId('sweep-values-1').fill('0, 0.25, 0.5');
  await page.getByTestId('sweep-seeds').fill('2');
  await expect(page.getByTestId('queue-sweep')).toHaveText('Queue 6 runs');

  const maker = page.getByTestId('class-sweep-maker');
  await maker.locator('summary').click();
  await maker.getByTestId('class-sweep-slots').fill('3');
  await maker.getByTestId('make-class-sweep').click();
  const slotLinks = (await maker.getByTestId('class-sweep-slot-links').inputValue()).split('\n').map((l) => l.replace(/^slot \d+: /, ''));
  expect(slotLinks).toHaveLength(3);
  expect(slotLinks.map((l) => new URL(l).searchParams.get('slot'))).toEqual(['1/3', '2/3', '3/3']);

  // A slot outside the grid is named, and the participant picks one instead: nothing is queued from it.
  const stray = await (await browser.newContext()).newPage();
  await stray.goto(`${slotLinks[0].replace('slot=1%2F3', 'slot=4%2F3')}&backend=wasm`);
  await expect(stray.getByTestId('notices')).toContainText('slot 4/3 is outside the grid: the class sweep has 3 slot(s), 1 to 3, for its 6 run(s)');
  await expect(stray.getByTestId('class-sweep-slot')).toHaveValue('');
  await expect(stray.getByTestId('class-sweep-queue')).toHaveCount(0);
  expect(await axeViolations(stray, '[data-testid=class-sweep-panel]')).toEqual([]);
  await stray.context().close();

  const links = [];
  for (const [i, name] of ['Ana', 'Ben', 'Chloé'].entries()) links.push(await participant(browser, slotLinks[i], name));

  // The instructor gathers two of them first: the third slot is named as missing.
  const classView = page.getByTestId('class-view');
  await expect(classView.getByTestId('class-sweep-results')).toBeVisible();
  await classView.getByTestId('class-links').fill([links[0], links[2]].join('\n'));
  await classView.getByTestId('class-add-links').click();
  await expect(classView.getByTestId('class-sweep-progress')).toContainText('4 of 6 runs in, from 2 participant(s)');
  await expect(classView.getByTestId('class-sweep-missing')).toContainText('slot 2: all 2 run(s)');
  // Then the last one, and the first again: counted once.
  await classView.getByTestId('class-links').fill([links[1], links[0]].join('\n'));
  await classView.getByTestId('class-add-links').click();
  await expect(classView.getByTestId('class-sweep-progress')).toContainText('6 of 6 runs in, from 3 participant(s)');
  await expect(classView.getByTestId('class-sweep-complete')).toBeVisible();

  // One browser runs the whole grid, as the sweep panel queues it.
  await page.getByTestId('queue-sweep').click();
  await expect(page.getByTestId('run-status').filter({ hasText: /^done$/ })).toHaveCount(6, { timeout: 300_000 });
  const tableOf = async (id: string) => {
    const chart = page.getByTestId(`chart-${id}`);
    await chart.locator('.data-table summary').click();
    return chart.locator('.data-table tbody tr').allInnerTexts();
  };
  const whole = await tableOf('lever');
  expect(whole).toHaveLength(3);
  expect(await tableOf('class-lever')).toEqual(whole);
  expect(await axeViolations(page, '[data-testid=class-view]')).toEqual([]);
  await page.screenshot({ path: test.info().outputPath('class-sweep-1280.png'), fullPage: false });
  await classView.getByTestId('class-sweep-results').screenshot({ path: test.info().outputPath('class-sweep-results.png') });
});
