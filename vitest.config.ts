import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { configDefaults, defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

const tfjsDir = fileURLToPath(new URL('./node_modules/@tensorflow/', import.meta.url));
/** `npm test` leaves out the slow tier: WebGPU through Dawn (*.gpu.test.ts) and the full claims (*.full.test.ts). */
const slowTier = ['**/*.gpu.test.ts', '**/*.full.test.ts'];
/** The quick tier's reduced claims, which the full tier's claims.seed*.full.test.ts check more strictly (full length, exact numbers). */
const quickOnly = ['scripts/lib/claims.test.ts'];
const all = process.env.LAB_TESTS === 'all';
const excluded = [...configDefaults.exclude, ...(all ? quickOnly : slowTier)];
/**
 * Test files that need modules of their own: the page's stores and workers are module singletons, and the toy
 * scenario's files mock a module (vi.mock). Every other file shares one module graph per vitest worker.
 */
const ownModules = ['src/store/**/*.test.ts', 'src/worker/**/*.test.ts', 'scripts/toyScenario.test.ts'];

/** The longest files of either tier (minutes of training each), in the order they start. */
const longest = [/\.full\.test\.ts$/, /\.gpu\.test\.ts$/, /\/scripts\/lib\/claims\.test\.ts$/];
const rank = (file: TestSpecification) => {
  const i = longest.findIndex((pattern) => pattern.test(file.moduleId));
  return i < 0 ? longest.length : i;
};
/**
 * Vitest's file order with the longest files first. Vitest starts the files it
 * has timings for longest first, and with none cached (a fresh CI machine) the
 * biggest first; the longest here are small files that train for minutes, so
 * on CI they started last and ran alone while the other core sat idle (the
 * full claims ran ~3 of their 4.6 minutes after every other file had ended).
 * Started first, the short files fill the other core around them.
 */
class LongFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    // A stable sort: within a rank, vitest's own order stands.
    return (await super.sort(files)).sort((a, b) => rank(a) - rank(b));
  }
}

export default defineConfig({
  resolve: {
    // One copy of tfjs, as ES modules, as in the browser build and the command
    // line (scripts/lib/tfjs-esm-hooks.mjs): never the packages' CommonJS bundles.
    alias: [{ find: /^@tensorflow\/(tfjs-[a-z-]+)$/, replacement: `${tfjsDir}$1/dist/index.js` }],
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'shared',
          include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
          exclude: [...excluded, ...ownModules],
          // One module graph per worker process, not per file: tfjs and the engine load once per core, not ~100
          // times (the quick tier's imports took 58 s of its 171). These modules keep no state a test relies on
          // being fresh: each test picks its backend, and counts tensors against its own start.
          isolate: false,
        },
      },
      { extends: true, test: { name: 'own-modules', include: ownModules, exclude: excluded } },
    ],
    environment: 'node',
    // Transformed modules kept on disk (node_modules/.experimental-vitest-cache) between runs: a second `npm test` skips
    // re-transforming the ~400 TypeScript files. No plugin here reads anything outside a module's own text.
    experimental: { fsModuleCache: true },
    // One test file per core (vitest's default leaves one core idle): the tests are single-threaded tfjs on wasm.
    maxWorkers: availableParallelism(),
    sequence: { sequencer: LongFirstSequencer },
    // Node loads those ES modules with the same hooks as the command line.
    execArgv: ['--import', './scripts/lib/tfjs-esm.mjs'],
    testTimeout: 120_000,
    hookTimeout: 600_000,
  },
});
