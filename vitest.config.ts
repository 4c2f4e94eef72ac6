import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const tfjsDir = fileURLToPath(new URL('./node_modules/@tensorflow/', import.meta.url));

export default defineConfig({
  resolve: {
    // One copy of tfjs, as ES modules, as in the browser build and the command
    // line (scripts/lib/tfjs-esm-hooks.mjs): never the packages' CommonJS bundles.
    alias: [{ find: /^@tensorflow\/(tfjs-[a-z-]+)$/, replacement: `${tfjsDir}$1/dist/index.js` }],
  },
  test: {
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    // Node loads those ES modules with the same hooks as the command line.
    execArgv: ['--import', './scripts/lib/tfjs-esm.mjs'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
