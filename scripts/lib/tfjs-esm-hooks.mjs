// Node resolve hooks that load TensorFlow.js the way a bundler does, as one
// copy of ES modules:
// - a bare '@tensorflow/<pkg>' resolves to the package's "module" (ESM) entry,
//   not its CommonJS bundle, so tfjs-core is not loaded twice;
// - relative imports inside those ESM files have no extension
//   ('./gradients/Abs_grad'), which Node refuses: retry them with '.js'.
// tfjs-core ships its gradient registrations only in this ESM form.
import { readFileSync } from 'node:fs';

const PACKAGE = /^@tensorflow\/[^/]+$/;

export async function resolve(specifier, context, next) {
  if (PACKAGE.test(specifier)) {
    const main = await next(specifier, context);
    const root = main.url.slice(0, main.url.indexOf(specifier) + specifier.length);
    const pkg = JSON.parse(readFileSync(new URL(`${root}/package.json`), 'utf8'));
    if (pkg.module) return { url: `${root}/${pkg.module.replace(/^\.\//, '')}`, format: 'module', shortCircuit: true };
    return main;
  }
  try {
    return await next(specifier, context);
  } catch (err) {
    const fromTfjs = specifier.startsWith('@tensorflow/') || context.parentURL?.includes('/node_modules/@tensorflow/');
    const retryable = err?.code === 'ERR_MODULE_NOT_FOUND' || err?.code === 'ERR_UNSUPPORTED_DIR_IMPORT';
    if (fromTfjs && retryable && !specifier.endsWith('.js')) return next(`${specifier}.js`, context);
    throw err;
  }
}
