/** The repository's root, for the command line and tests; no tfjs here, so a parent process can use it and stay light. */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
