import { AxeBuilder } from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { openLab, runAndWait, setControl } from './helpers';

/** Participants play one short challenge: 20-step runs, the task locked. */
const CHALLENGE_QUERY = 'v=2&backend=wasm&steps=20&evalEvery=10&lock=task&challenge=Class+test&goal.forgetting=40&goal.steps=20';

/** A participant types their name, runs with one mix ratio, and shares their results. */
async function participantLink(page: Page, name: string, mix: string): Promise<string> {
  await page.getByTestId('participant-name').fill(name);
  await setControl(page, 'mix', mix);
  await runAndWait(page);
  await page.getByTestId('share-results').click();
  return page.getByTestId('link-box').inputValue();
}

test('a class view of three results links: one chart, one table with names, the best run, duplicates merged, a bad link named @slow', async ({ page, context }) => {
  test.setTimeout(240_000);
  // Three participants, one after another at the same desk: each results link also holds the runs before it.
  await openLab(page, CHALLENGE_QUERY);
  const links = [await participantLink(page, 'Ana', '0'), await participantLink(page, 'Ben', '0.5'), await participantLink(page, 'Chloé', '0.25')];
  expect(links.map((l) => new URL(l).searchParams.get('participant'))).toEqual(['Ana', 'Ben', 'Chloé']);
  expect(links.every((l) => new URL(l).searchParams.get('challenge') === 'Class test')).toBe(true);

  const instructor = await (await context.browser()!.newContext({ baseURL: page.url() })).newPage();
  await openLab(instructor);
  const urlBefore = instructor.url();
  const classView = instructor.getByTestId('class-view');
  await classView.locator('summary').first().click();
  const broken = `${links[0].slice(0, links[0].indexOf('#r=') + 20)}`;
  // Results links carry their runs in the fragment (#r=…); one pasted as an older link has them in the query (&r=…).
  expect(links.every((l) => new URL(l).hash.startsWith('#r='))).toBe(true);
  const olderForm = links[1].replace('#r=', '&r=');
  await classView.getByTestId('class-links').fill([`Ana: ${links[0]}`, olderForm, broken, links[2], links[0]].join('\n'));
  await classView.getByTestId('class-add-links').click();
  await expect(classView.getByTestId('class-status')).toHaveText('Added 3 new run(s) from 4 source(s); 4 already here, merged; 1 skipped (see the list).');

  // One chart, one table: three runs, each under its participant's name.
  await expect(classView.getByTestId('chart-class-tradeoff-skills').locator('.run-point')).toHaveCount(3);
  const rows = classView.getByTestId('class-runs').locator('tbody tr');
  await expect(rows).toHaveCount(3);
  await expect(rows.locator('td:first-child')).toHaveText(['Ana', 'Ben', 'Chloé']);
  await expect(rows.nth(0).locator('td').last()).toHaveText('link 1, link 2, link 4, link 5');
  const sources = classView.getByTestId('class-source');
  await expect(sources.nth(2)).toContainText('link 3');
  await expect(sources.nth(2)).toContainText('skipped: its results: the shared results are garbled');
  await expect(sources.nth(4)).toContainText('1 run(s), 1 already here (merged)');

  // The best run of the challenge: the least forgetting among the runs that meet it (forgetting ≤ 40), read off the table.
  const table = await rows.evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td, th')].map((c) => (c as HTMLElement).innerText)));
  const meeting = table.filter((r) => Number(r[2]) <= 40).sort((a, b) => Number(a[2]) - Number(b[2]) || Number(b[3]) - Number(a[3]));
  const best = classView.getByTestId('class-best-run');
  await expect(best).toHaveText(meeting.length ? `${meeting[0][0]} · ${meeting[0][1].trim()}` : 'none yet');
  await expect(classView.getByTestId('class-best')).toContainText(`${meeting.length} of 3`);

  // The instructor's own lab is untouched.
  await expect(instructor.locator('[data-testid=run-list] tbody tr')).toHaveCount(0);
  expect(instructor.url()).toBe(urlBefore);
  await expect(instructor.getByTestId('challenge')).toHaveCount(0);
  expect((await new AxeBuilder({ page: instructor }).include('[data-testid=class-view]').analyze()).violations.map((v) => v.id)).toEqual([]);
});
