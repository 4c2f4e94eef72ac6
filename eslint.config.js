// Lint: TypeScript's recommended rules, React's hook rules on the page, and the
// lab's own layer rule (scripts/lint/layers.js), which keeps tfjs off the
// page's main thread and the page out of the engine, and its scenario-name
// rule (scripts/lint/scenarioNames.js).
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import layers from './scripts/lint/layers.js';
import scenarioNames from './scripts/lint/scenarioNames.js';

const lab = { rules: { layers, 'scenario-names': scenarioNames } };

export default tseslint.config(
  { ignores: ['dist/', 'dist-*/', 'node_modules/', 'test-results/', 'playwright-report/', '.gpu/', 'scratch/', 'src/engine/backend/kernels/*Wasm.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/ui/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/**/*.test.ts'],
    plugins: { lab },
    rules: { 'lab/layers': 'error' },
  },
  {
    // A scenario's name is compared only in its own folder; everywhere else its descriptor is read.
    files: ['src/**/*.{ts,tsx}', 'scripts/**/*.ts', 'e2e/**/*.ts'],
    ignores: ['src/engine/scenarios/**', '**/*.test.ts', 'e2e/**'],
    plugins: { lab },
    rules: { 'lab/scenario-names': 'error' },
  },
);
