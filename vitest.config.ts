import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { configDefaults, defineConfig } from 'vitest/config';

const tfjsDir = fileURLToPath(new URL('./node_modules/@tensorflow/', import.meta.url));
/** `npm test` leaves out the slow tier: WebGPU through Dawn (*.gpu.test.ts) and the full claims (*.full.test.ts). */
const slowTier = ['**/*.gpu.test.ts', '**/*.full.test.ts'];
/** The quick tier's reduced claims, which the full tier's claims.full.test.ts checks more strictly (full length, exact numbers). */
const quickOnly = ['scripts/lib/claims.test.ts'];
const all = process.env.LAB_TESTS === 'all';

export default defineConfig({
  resolve: {
    // One copy of tfjs, as ES modules, as in the browser build and the command
    // line (scripts/lib/tfjs-esm-hooks.mjs): never the packages' CommonJS bundles.
    alias: [{ find: /^@tensorflow\/(tfjs-[a-z-]+)$/, replacement: `${tfjsDir}$1/dist/index.js` }],
  },
  test: {
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
    exclude: [...configDefaults.exclude, ...(all ? quickOnly : slowTier)],
    environment: 'node',
    // One test file per core (vitest's default leaves one core idle): the tests are single-threaded tfjs on wasm.
    maxWorkers: availableParallelism(),
    // Node loads those ES modules with the same hooks as the command line.
    execArgv: ['--import', './scripts/lib/tfjs-esm.mjs'],
    testTimeout: 120_000,
    hookTimeout: 600_000,
  },
});
