/**
 * The fan-out examples in deploy/ (docs/deploy.md), dry-run: each index's
 * command line, as its shell expands it, names a shard, and the shards of all
 * indices hold every run of the report exactly once.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { reportCommand } from './commands/report';
import { REPO_ROOT } from './lib/repoRoot';

const MANIFESTS = [
  { file: 'deploy/report-job.yaml', indexVar: 'JOB_COMPLETION_INDEX', count: (text: string) => Number(/completions: (\d+)/.exec(text)![1]) },
  { file: 'deploy/report-array.sbatch', indexVar: 'SLURM_ARRAY_TASK_ID', count: (text: string) => Number(/--array=0-(\d+)/.exec(text)![1]) + 1 },
];

/** The lab's arguments in a manifest's command, as sh expands them for one index. */
function labArgs(text: string, indexVar: string, index: number): string[] {
  const command = /npm run -s lab -- (.+)$/m.exec(text)![1];
  const shell = spawnSync('sh', ['-c', `printf '%s\\n' ${command}`], { env: { PATH: process.env.PATH, [indexVar]: String(index) }, encoding: 'utf8' });
  expect(shell.status, shell.stderr).toBe(0);
  return shell.stdout.trim().split('\n');
}

/** `lab report … --dry-run` in this process: the runs it would make, one line each. */
async function dryRun(args: string[]): Promise<string[]> {
  const written: string[] = [];
  const stdout = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (written.push(String(chunk)), true));
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    expect(args[0]).toBe('report');
    expect(await reportCommand([...args.slice(1), '--dry-run'])).toBe(0);
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
  }
  return written.join('').trim().split('\n');
}

describe('the fan-out examples (deploy/)', () => {
  for (const { file, indexVar, count } of MANIFESTS) {
    it(`${file}: its ${indexVar} indices run every run of the report once`, async () => {
      const text = readFileSync(join(REPO_ROOT, file), 'utf8');
      const n = count(text);
      expect(n).toBeGreaterThan(1);
      const slices = [];
      for (let index = 0; index < n; index++) {
        const args = labArgs(text, indexVar, index);
        expect(args[0]).toBe('report');
        expect(args).toContain(`${index + 1}/${n}`);
        expect(args.join(' ')).toMatch(new RegExp(`--out \\S*part-${index}\\.json`));
        slices.push(await dryRun(args.filter((a, i) => a !== '--out' && args[i - 1] !== '--out')));
      }
      const whole = await dryRun(labArgs(text, indexVar, 0).filter((a, i, all) => !['--out', '--shard'].includes(a) && !['--out', '--shard'].includes(all[i - 1])));
      expect(slices.flat().sort()).toEqual([...whole].sort());
      expect(new Set(slices.flat()).size).toBe(whole.length);
    });
  }
});
