/** The command line in a process of its own, as a person starts it (`npm run lab -- …`): for tests of exit codes and output. */
import { spawnSync } from 'node:child_process';
import { REPO_ROOT } from './repoRoot';

export function labWith(env: Record<string, string>, ...args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', '--import', './scripts/lib/tfjs-esm.mjs', 'scripts/lab.ts', ...args], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
}

export function lab(...args: string[]) {
  return labWith({}, ...args);
}
