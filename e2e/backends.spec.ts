/**
 * WebGPU and WebGL chosen by hand (@slow, npm run test:all): on SwiftShader
 * their shader compiles take minutes (the WebGPU test 5 of CI's 9.7 browser
 * minutes). This file's name sorts near the front, so the two start early and
 * the other worker runs the rest around them, rather than one of them
 * starting late and running on alone at the end.
 */
import { expect, test } from '@playwright/test';
import { expectBaseModelScores, openLab, runAndWait, setControl, watchConsoleErrors } from './helpers';

for (const [backend, label] of [
  ['webgpu', 'WebGPU'],
  ['webgl', 'WebGL'],
] as const) {
  test(`the ${label} backend chosen by hand scores the base model and completes a tiny run @slow`, async ({ page }) => {
    // SwiftShader compiles shaders slowly (about 2.5 minutes here in all): generous limits for slower CI machines.
    test.setTimeout(900_000);
    const errors = watchConsoleErrors(page);
    await openLab(page, `backend=${backend}`, 600_000);
    await expect(page.getByTestId('backend-badge')).toContainText(label);
    await expectBaseModelScores(page, backend, 600_000);
    await setControl(page, 'steps', '2');
    await setControl(page, 'evalEvery', '2');
    await runAndWait(page, 'done', 280_000);
    await expect(page.locator('[data-testid=run-list] tbody tr').first()).toContainText(backend);
    expect(errors).toEqual([]);
  });
}
