// Node resolve hooks that load TensorFlow.js the way a bundler does, as one
// copy of ES modules:
// - a bare '@tensorflow/<pkg>' resolves to the package's "module" (ESM) entry,
//   not its CommonJS bundle, so tfjs-core is not loaded twice;
// - relative imports inside those ESM files have no extension
//   ('./gradients/Abs_grad'), which Node refuses: retry them with '.js'.
// tfjs-core ships its gradient registrations only in this ESM form.
//
// The '.js' is tried first, by a file check, for a relative specifier without
// one inside tfjs: resolving it as written first failed (a thrown error) for
// each of the ~800 modules tfjs-core and the wasm backend load, which was a
// third of a process's start-up (0.7 of 2.2 s of CPU).
import { existsSync, readFileSync } from 'node:fs';

const PACKAGE = /^@tensorflow\/[^/]+$/;

export async function resolve(specifier, context, next) {
  if (PACKAGE.test(specifier)) {
    const main = await next(specifier, context);
    const root = main.url.slice(0, main.url.indexOf(specifier) + specifier.length);
    const pkg = JSON.parse(readFileSync(new URL(`${root}/package.json`), 'utf8'));
    if (pkg.module) return { url: `${root}/${pkg.module.replace(/^\.\//, '')}`, format: 'module', shortCircuit: true };
    return main;
  }
  const insideTfjs = context.parentURL?.includes('/node_modules/@tensorflow/') ?? false;
  if (insideTfjs && specifier.startsWith('.') && !specifier.endsWith('.js')) {
    const url = new URL(`${specifier}.js`, context.parentURL);
    if (existsSync(url)) return { url: url.href, shortCircuit: true };
  }
  try {
    return await next(specifier, context);
  } catch (err) {
    const fromTfjs = specifier.startsWith('@tensorflow/') || insideTfjs;
    const retryable = err?.code === 'ERR_MODULE_NOT_FOUND' || err?.code === 'ERR_UNSUPPORTED_DIR_IMPORT';
    if (fromTfjs && retryable && !specifier.endsWith('.js')) return next(`${specifier}.js`, context);
    throw err;
  }
}
