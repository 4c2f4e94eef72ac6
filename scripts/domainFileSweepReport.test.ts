/**
 * `lab sweep --domain-file` and `lab report --domain-file`: every run trains on
 * the text of one's own exactly as `lab run --domain-file` does, so the same
 * file and seed give the same numbers in all three. The commands run in this
 * process (one spawn checks the flag is parsed where a person types it); a bad
 * file is refused by name before anything runs.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TEXT_EVAL_WINDOWS } from '../src/engine/scenarios/text/textConstants';
import { reportCommand } from './commands/report';
import { runCommand } from './commands/run';
import { sweepCommand } from './commands/sweep';
import { reportPlanFor, reportRuns } from './lib/reportPlan';
import { REPO_ROOT } from './lib/repoRoot';
import { lab } from './lib/labProcess';

const EXAMPLE = join(REPO_ROOT, 'public', 'data', 'custom', 'gyp-python.txt');

/** A command run in this process: its exit code and what it wrote (the progress lines go nowhere). */
async function inProcess(command: (args: string[]) => Promise<number>, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
  try {
    return { code: await command(args), stdout, stderr };
  } finally {
    vi.restoreAllMocks();
  }
}

afterEach(() => vi.restoreAllMocks());

/** A summary without its wall time, the one number that is not deterministic. */
const numbers = (summary: Record<string, unknown> | null) => {
  const { msPerStep: _, ...rest } = summary ?? {};
  return rest;
};

// The report's evaluation (every 25 steps, all windows), 3 steps, seed 1: one config that `run`, `sweep` and `report` can all make.
const SHARED = ['--set', 'steps=3', '--set', 'evalEvery=25', '--set', `liveEvalSize=${TEXT_EVAL_WINDOWS}`];

describe('sweep and report --domain-file', () => {
  it('give the numbers `lab run --domain-file` gives for the same file and seed (wasm)', async () => {
    const run = await inProcess(runCommand, ['--preset', 'text-ignore', '--domain-file', EXAMPLE, ...SHARED, '--set', 'seed=1', '--backend', 'wasm', '--json']);
    expect(run.code, run.stderr).toBe(0);
    const single = JSON.parse(run.stdout);
    expect(single.config.domain).toBe('custom');

    const sweep = await inProcess(sweepCommand, ['--preset', 'text-ignore', '--domain-file', EXAMPLE, ...SHARED, '--set', 'mix=0,0.25', '--seeds', '1', '--backend', 'wasm', '--json']);
    expect(sweep.code, sweep.stderr).toBe(0);
    expect(sweep.stderr).toMatch(/gyp-python\.txt: /);
    const swept = JSON.parse(sweep.stdout);
    expect(swept.spec.base.domainHash).toBe(single.config.domainHash);
    const [mix0, mix25] = swept.runs;
    expect(mix0.config).toEqual(single.config);
    expect(numbers(mix0.summary)).toEqual(numbers(single.summary));

    const report = await inProcess(reportCommand, ['--scenario', 'text', '--domain-file', EXAMPLE, '--only', 'ignore,mix 0.25', '--seeds', '1', '--steps', '3', '--json']);
    expect(report.code, report.stderr).toBe(0);
    const made = JSON.parse(report.stdout);
    expect(made.setup).toMatchObject({ domain: 'custom', domainName: 'gyp-python.txt', domainHash: single.config.domainHash });
    const perSeed = (label: string) => made.runs.find((r: { label: string }) => r.label === label).perSeed['1'];
    expect(numbers(perSeed('ignore').summary)).toEqual(numbers(single.summary));
    expect(numbers(perSeed('mix 0.25').summary)).toEqual(numbers(mix25.summary));
    // Mixing prose in changed the run: the equalities above compare runs that could differ.
    expect(mix25.summary.forgetting).not.toBe(mix0.summary.forgetting);
    // The claims name the text, not code.
    expect(made.claims.map((c: { text: string }) => c.text).join('\n')).not.toMatch(/\bcode\b/);
  }, 600_000);

  it('refuses a bad file by name, and a scenario without a domain, before anything runs', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lab-domain-'));
    const short = join(dir, 'notes.txt');
    await writeFile(short, 'A line of my own.\n');
    await expect(inProcess(sweepCommand, ['--preset', 'text-ignore', '--domain-file', short, '--set', 'mix=0,0.25'])).rejects.toThrow(/notes\.txt has 18 characters; a text needs at least 10,320/);
    await expect(inProcess(sweepCommand, ['--preset', 'text-ignore', '--domain-file', join(dir, 'missing.txt'), '--set', 'mix=0,0.25'])).rejects.toThrow(/--domain-file .*missing\.txt could not be read \(ENOENT\)/);
    await expect(inProcess(sweepCommand, ['--preset', 'ignore', '--domain-file', EXAMPLE, '--set', 'mix=0,0.25'])).rejects.toThrow(/--domain-file trains the text scenario/);
    await expect(inProcess(reportCommand, ['--scenario', 'skills', '--domain-file', EXAMPLE, '--dry-run'])).rejects.toThrow(/the skills report has no domain \(use --scenario text\)/);
    await expect(inProcess(reportCommand, ['--scenario', 'text', '--domain-file', short, '--dry-run'])).rejects.toThrow(/notes\.txt has 18 characters/);
    // The report on a text: every run but near prose (set against it) trains on it.
    const plan = reportPlanFor('text', { sha256: 'c'.repeat(64), name: 'mine.txt' });
    const configs = reportRuns(plan, [1]);
    expect(configs.filter((r) => r.config.domain !== 'custom').map((r) => r.label)).toEqual(['near']);
    expect(configs.find((r) => r.label === 'lr 1e-4')?.config).toMatchObject({ domainHash: 'c'.repeat(64), domainName: 'mine.txt', lr: 1e-4 });
  });

  it('where a person types it: the flag is parsed, and a bad file exits non-zero with its name and no stack', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lab-domain-'));
    const binary = join(dir, 'weights.bin');
    await writeFile(binary, new Uint8Array([0, 1, 2, 3, 0, 0, 255, 254]));
    const result = lab('sweep', '--preset', 'text-ignore', '--domain-file', binary, '--set', 'mix=0,0.25');
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^error: weights\.bin looks like a binary file, not text/m);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.stdout).toBe('');
  }, 60_000);
});
