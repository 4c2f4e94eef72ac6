// `node --import ./scripts/lib/tfjs-esm.mjs`: installs tfjs-esm-hooks.mjs.
import { createRequire, register } from 'node:module';

register('./tfjs-esm-hooks.mjs', import.meta.url);
// tfjs's ESM platform code for Node calls require('util'), as its bundles can.
globalThis.require ??= createRequire(import.meta.url);
