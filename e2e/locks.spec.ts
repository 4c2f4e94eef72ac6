/**
 * An instructor's hidden and locked sections hold on every path: a preset
 * button, a key, a run-file import, a results link (both forms), "Re-run to
 * verify", a challenge link. A hidden section is held like a locked one.
 * No training here: the runs from elsewhere are made in the test.
 */
import { AxeBuilder } from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { openLab, watchConsoleErrors } from './helpers';
import { fakeRun } from '../src/teach/fakeRuns';
import { runsToJson } from '../src/share/runFile';
import { encodeLink } from '../src/share/link';
import { toSharedRun } from '../src/share/results';
import { BUILTIN_CHALLENGES } from '../src/share/builtinChallenges';
import { defaultConfig } from '../src/engine/config/schema';

const BEFORE = { copy: 1, reverse: 1, sort: 0.99, successor: 1, task: 0.04 };
/** A finished run made elsewhere on rotate, with EWC switched on. */
const rotateRun = fakeRun({
  name: 'rotate with EWC',
  settings: { task: 'rotate', 'reg.kind': 'ewc', 'reg.strength': 1, steps: 20, evalEvery: 10 },
  before: BEFORE,
  points: [
    { step: 10, acc: { copy: 0.9, reverse: 0.8, sort: 0.7, successor: 1, task: 0.6 }, evalSize: 12 },
    { step: 20, acc: { copy: 0.8, reverse: 0.7, sort: 0.6, successor: 0.9, task: 0.95 } },
  ],
});

/** The rules under test: the task locked on letters, regularisation hidden. */
const RULES = 'v=3&backend=wasm&lock=task&hide=reg';

const regKind = (page: Page) => new URL(page.url()).searchParams.get('reg.kind');
const notices = (page: Page) => page.getByTestId('notices');

async function axeClean(page: Page): Promise<void> {
  const result = await new AxeBuilder({ page }).analyze();
  expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`)).toEqual([]);
}

test('a hidden section is shown as held, and its preset button leaves it as it is and says so', async ({ page }) => {
  const errors = watchConsoleErrors(page);
  await openLab(page, RULES);
  await expect(page.getByTestId('hidden-note')).toContainText('Hidden by this link, and held as it set them: Regularisation');
  await expect(page.locator('fieldset[data-group="reg"]')).toHaveCount(0);
  await page.locator('[data-preset="regularize"]').click();
  await expect(notices(page)).toContainText('kept no reg instead of EWC');
  await expect(notices(page)).not.toContainText('applied');
  expect(regKind(page)).toBeNull();
  await axeClean(page);
  expect(errors).toEqual([]);
});

test('key 4 (the regulariser preset) leaves a hidden section as it is; with the presets locked, keys say why they do nothing', async ({ page }) => {
  await openLab(page, RULES);
  await page.locator('body').press('4');
  await expect(notices(page)).toContainText('Pull toward the original weights changed nothing: everything it sets is locked or hidden here (kept no reg instead of EWC)');
  expect(regKind(page)).toBeNull();

  await openLab(page, 'v=3&backend=wasm&lock=presets');
  await page.locator('body').press('2');
  await expect(notices(page)).toContainText('Key 2 would choose the preset “Mix in general data”, but the strategy presets are locked or hidden here.');
  await expect(page.locator('.slider:has([data-key="mix"]) input.number')).toHaveValue('0');
});

test('an imported run file changes no held setting, and names the runs made outside them', async ({ page }) => {
  await openLab(page, RULES);
  await page.getByTestId('import-file').setInputFiles({ name: 'elsewhere.json', mimeType: 'application/json', buffer: Buffer.from(runsToJson([rotateRun])) });
  await expect(notices(page)).toContainText('Imported 1 run(s) from elsewhere.json. It was made with other values of settings locked or hidden here (task rotate instead of task letters');
  await expect(page.locator('[data-testid=run-list] tbody tr')).toHaveCount(1);
  await expect(page.locator('select[data-key="task"]')).toHaveValue('letters');
  await expect(page.locator('select[data-key="task"]')).toBeDisabled();
  expect(regKind(page)).toBeNull();
});

test('a results link opens in both forms (#r=… and the older ?r=…); a re-run outside its locks is refused, with the reason @slow', async ({ page }) => {
  const errors = watchConsoleErrors(page);
  const { query, fragment } = encodeLink(defaultConfig(), { results: [toSharedRun(rotateRun)!], lock: ['task'], hide: ['reg'] });
  expect(fragment).toMatch(/^#r=/);
  for (const link of [`${query}&backend=wasm${fragment}`, `${query}&backend=wasm&${fragment.slice(1)}`]) {
    await openLab(page, link.slice(1));
    await expect(page.locator('[data-testid=run-list] tbody tr')).toHaveCount(1);
    await expect(page.getByTestId('run-list')).toContainText('from link');
    await expect(page.getByTestId('chart-tradeoff').locator('.run-point')).toHaveCount(1);
    await expect(notices(page)).toContainText('This link shares 1 finished run(s): their charts are drawn from the link. It was made');
    await expect(notices(page)).toContainText('It was made with other values of settings locked or hidden here (task rotate instead of task letters');
    await expect(page.locator('select[data-key="task"]')).toHaveValue('letters');
  }

  // Re-run to verify: it would train rotate with EWC under a link that holds letters and no regulariser.
  await page.getByTestId('verify').click();
  await expect(notices(page)).toContainText('Re-run to verify refused: “rotate with EWC” was made with task rotate instead of task letters, EWC instead of no reg, which are locked or hidden here: a re-run would train other settings than the ones on screen.');
  await expect(page.locator('[data-testid=run-list] tbody tr')).toHaveCount(1);
  await expect(page.getByTestId('pause')).toHaveCount(0);
  await expect(page.getByTestId('verdict')).toHaveCount(0);
  await axeClean(page);
  expect(errors).toEqual([]);
});

test('a results link far longer than a server takes opens: the fragment never reaches the server', async ({ page }) => {
  // 100 KB in the query gets HTTP 431 from `vite preview`; in the fragment the page loads and names the problem itself.
  const response = await page.goto(`./?v=3&backend=wasm#r=${'A'.repeat(100_000)}`);
  expect(response?.status()).toBe(200);
  await expect(notices(page)).toContainText('characters long, more than the 32000 this lab reads');
});

test("a built-in challenge's link with a setting that contradicts its rules opens on its rules and names what it ignored", async ({ page }) => {
  const under10 = BUILTIN_CHALLENGES.find((b) => b.id === 'under-10')!;
  const { query } = encodeLink(under10.config, { preset: under10.challenge.preset, challenge: under10.challenge });
  await openLab(page, `${query.slice(1)}&backend=wasm&task=rotate`);
  await expect(page.getByTestId('challenge').getByRole('heading', { name: `Challenge: ${under10.challenge.title}` })).toBeVisible();
  await expect(notices(page)).toContainText("This challenge link also set what the challenge's rules hold otherwise, so the lab ignored it: task rotate (the challenge holds task letters).");
  await expect(page.locator('select[data-key="task"]')).toHaveValue('letters');
  await expect(page.locator('select[data-key="task"]')).toBeDisabled();
  // Runs are judged on the challenge's rules: the panel names the task section among the locked ones.
  await expect(page.getByTestId('challenge-locked')).toContainText('Task');
});
