import { AxeBuilder } from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { openLab, runAndWait, setControl } from './helpers';

/** A number as the run list writes it ("+26.2", "−0.8"). */
const num = (text: string) => Number(text.replace('−', '-'));

/** Two short runs that differ in lr and mix only, both finished. */
async function twoRuns(page: Page, query: string): Promise<void> {
  await openLab(page, query);
  await setControl(page, 'steps', '4');
  await setControl(page, 'evalEvery', '2');
  await runAndWait(page);
  await setControl(page, 'lr', '0.003');
  await setControl(page, 'mix', '0.25');
  await runAndWait(page);
}

/** Picks two runs with the keyboard, opens the comparison and checks what it says against the run list. */
async function compareFirstTwo(page: Page, words: { accuracy: string; answers: string }): Promise<void> {
  const rows = page.locator('[data-testid=run-list] tbody tr');
  // Keyboard only: Tab onto each row's Compare box, Space ticks it.
  for (const i of [0, 1]) {
    await rows.nth(i).getByRole('checkbox', { name: /^show / }).focus();
    await page.keyboard.press('Tab');
    await expect(rows.nth(i).getByTestId('compare-pick')).toBeFocused();
    await page.keyboard.press('Space');
    await expect(rows.nth(i).getByTestId('compare-pick')).toBeChecked();
  }
  const go = page.getByRole('button', { name: 'Go to the comparison' });
  await go.focus();
  await page.keyboard.press('Enter');
  const compare = page.getByTestId('compare');
  await expect(compare).toBeFocused();

  // Exactly lr and mix are marked different, in text as well as in colour.
  const settings = compare.getByTestId('compare-settings').locator('tbody tr');
  await expect(settings.filter({ hasText: 'differs' })).toHaveCount(2);
  expect(await compare.locator('tr[data-differs=true]').evaluateAll((trs) => trs.map((t) => t.getAttribute('data-key')))).toEqual(['mix', 'lr']);
  await expect(compare.locator('tr[data-key=lr] td').nth(1)).toHaveText('0.003');
  await expect(compare.locator('tr[data-key=steps] .compare-mark')).toHaveText('same');
  // "only the differences" leaves those two.
  await compare.getByLabel('only the differences').check();
  await expect(settings).toHaveCount(2);

  // The results: B − A from the two runs' numbers in the run list (each rounded there to 0.1).
  for (const [metric, cell] of [
    ['taskGain', 'run-gain'],
    ['forgetting', 'run-forgetting'],
  ] as const) {
    const a = num(await rows.nth(0).getByTestId(cell).innerText());
    const b = num(await rows.nth(1).getByTestId(cell).innerText());
    const row = compare.locator(`tr[data-metric=${metric}]`);
    await expect(row.locator('td').nth(0)).toHaveText(await rows.nth(0).getByTestId(cell).innerText());
    await expect(row.locator('td').nth(1)).toHaveText(await rows.nth(1).getByTestId(cell).innerText());
    expect(Math.abs(num(await row.getByTestId('compare-delta').innerText()) - (b - a))).toBeLessThanOrEqual(0.11);
  }
  await expect(compare.getByTestId('compare-metrics')).toContainText(words.accuracy);

  // Each run's answers beside the base model's, drawn by the page's own answers table.
  await expect(compare.getByTestId('compare-answers-a')).toContainText(words.answers);
  await expect(compare.getByTestId('compare-answers-b')).toContainText(words.answers);
  const names = await page.getByTestId('run-name').allInnerTexts();
  await expect(compare.getByTestId('compare-answers-b').locator('caption')).toContainText(names[1]);

  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`)).toEqual([]);

  await compare.getByTestId('compare-close').click();
  await expect(compare).toHaveCount(0);
  await expect(rows.nth(0).getByTestId('compare-pick')).not.toBeChecked();
}

test('compare two skills runs: lr and mix marked different, the deltas of the run list’s numbers, both runs’ answers; keyboard and axe @slow', async ({ page }) => {
  await twoRuns(page, 'backend=wasm');
  await compareFirstTwo(page, { accuracy: 'task exact match', answers: '<map>' });
});

test('compare two text runs, in the text scenario’s words @slow', async ({ page }) => {
  await twoRuns(page, 'backend=wasm&scenario=text');
  await compareFirstTwo(page, { accuracy: 'domain next-character accuracy', answers: 'Real words' });
  await expect(page.getByTestId('compare')).toHaveCount(0);
});
