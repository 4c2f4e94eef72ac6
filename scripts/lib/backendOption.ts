/**
 * The `--backend` option, read without loading tfjs: a sweep's or report's
 * parent process checks it before its workers start, and loading tfjs there
 * only for that cost two seconds on the way to the first run.
 */
import { BACKENDS, type BackendName } from '../../src/engine/backend/names';

/** 'auto', one backend, or an ordered list ('webgpu,wasm') to fall back through. */
export function parseBackendOption(option: string): BackendName[] {
  if (option === 'auto') return ['wasm', 'cpu'];
  const names = option.split(',').map((s) => s.trim());
  for (const name of names) {
    if (!(BACKENDS as readonly string[]).includes(name)) throw new Error(`--backend takes auto, or one or more of ${BACKENDS.join(', ')} separated by commas, not '${name}'`);
  }
  return names as BackendName[];
}
