import { existsSync } from 'node:fs';
import { cpus } from 'node:os';
import { defineConfig } from '@playwright/test';

// Debian's Chromium where it is installed (Playwright cannot download its own
// browser on these machines); Playwright's own browser elsewhere.
const executablePath = process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
// E2E_PORT and E2E_OUT let several people (or agents) on one machine run the browser tests side by side,
// each against a build of their own.
const port = Number(process.env.E2E_PORT ?? 4173);
const outDir = process.env.E2E_OUT ?? 'dist';
/** `npm run dev`, the README's start command, is tested too (e2e/dev-server.spec.ts, in `npm run test:all`). */
export const DEV_PORT = 5179;
/** `npm test` runs the fast tier against one built preview; `npm run test:all` (E2E_ALL=1) adds the @slow tests and the dev server. */
const all = process.env.E2E_ALL === '1';

export default defineConfig({
  testDir: 'e2e',
  timeout: 180_000,
  expect: { timeout: 60_000 },
  // @timing: checks of wall-clock figures (the time-left estimate), which on a shared machine running two
  // browser tests at once read the other test's load; run them alone with E2E_TIMING=1 (like the benchmarks).
  grepInvert: process.env.E2E_TIMING === '1' ? undefined : all ? /@timing/ : /@slow|@timing/,
  fullyParallel: true,
  // Each test trains in the page's worker: one test per core (most of a test is waiting on the page), never more.
  workers: Math.max(1, Math.min(4, cpus().length)),
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}/`,
    viewport: { width: 1280, height: 720 },
    // The service worker saves the whole build (9 MB) in every new browser context: a second of CPU per test for
    // nothing a test other than offline.spec.ts reads. That spec allows it again.
    serviceWorkers: 'block',
    launchOptions: {
      executablePath,
      args: [
        '--enable-unsafe-webgpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
  webServer: [
    {
      command: `npx vite build --outDir ${outDir} --emptyOutDir && npx vite preview --outDir ${outDir} --host 127.0.0.1 --port ${port} --strictPort`,
      url: `http://127.0.0.1:${port}/`,
      reuseExistingServer: !process.env.CI,
      timeout: 180_000,
    },
    ...(all
      ? [
          {
            command: `npx vite --host 127.0.0.1 --port ${DEV_PORT} --strictPort`,
            url: `http://127.0.0.1:${DEV_PORT}/`,
            reuseExistingServer: !process.env.CI,
            timeout: 120_000,
          },
        ]
      : []),
  ],
});
