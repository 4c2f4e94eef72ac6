/** `lab sweep` as a person uses it: checked before it runs, the same numbers on any number of workers or shards, a clean stdout, a readable table. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../src/engine/config/schema';
import { leverCurve, leverGrid } from '../src/engine/sweep/aggregate';
import { sweepText } from './commands/sweep';
import { lab } from './lib/labProcess';

const TINY = ['sweep', '--set', 'mix=0,0.5', '--set', 'steps=4', '--set', 'evalEvery=4', '--seeds', '2', '--json'];

/** A run's summary without its wall time, the one number that is not deterministic. */
const numbers = (run: { summary: Record<string, number> | null }) => {
  const { msPerStep: _, ...rest } = run.summary ?? {};
  return rest;
};

describe('lab sweep', () => {
  it('gives the same numbers on two worker processes as its shards in one process each, and the merged shards are the whole sweep', () => {
    const two = lab(...TINY, '--workers', '2');
    const shards = [1, 2].map((i) => lab(...TINY, '--shard', `${i}/2`));
    for (const [result, runs] of [[two, 4], ...shards.map((s) => [s, 2] as const)] as const) {
      expect(result.status, result.stderr).toBe(0);
      expect(result.stdout.trim().split('\n')).toHaveLength(1);
      expect(result.stderr).toMatch(new RegExp(`\\[${runs}/${runs}\\]`));
    }
    const whole = JSON.parse(two.stdout);
    const parts = shards.map((s) => JSON.parse(s.stdout));
    expect(whole.workers).toBe(2);
    expect(whole.runs.map((r: { label: string; seed: number }) => `${r.label}/${r.seed}`)).toEqual(['mix 0/1', 'mix 0/2', 'mix 0.5/1', 'mix 0.5/2']);
    expect(parts.map((p) => p.shard)).toEqual([
      { index: 1, count: 2 },
      { index: 2, count: 2 },
    ]);
    expect(whole.runs.every((r: { summary: unknown }) => r.summary !== null)).toBe(true);
    // Seeds differ, so the spread is real.
    expect(whole.runs[0].summary.forgetting).not.toBe(whole.runs[1].summary.forgetting);
    expect(whole.curve.map((p: { label: string; n: number }) => [p.label, p.n])).toEqual([
      ['mix 0', 2],
      ['mix 0.5', 2],
    ]);

    const dir = mkdtempSync(join(tmpdir(), 'lab-sweep-'));
    const files = parts.map((p, i) => {
      const file = join(dir, `shard${i + 1}.json`);
      writeFileSync(file, JSON.stringify(p));
      return file;
    });
    const merged = lab('sweep', '--from', files[1], '--from', files[0], '--json');
    expect(merged.status, merged.stderr).toBe(0);
    const back = JSON.parse(merged.stdout);
    expect(back.runs.map((r: { label: string; seed: number }) => `${r.label}/${r.seed}`)).toEqual(whole.runs.map((r: { label: string; seed: number }) => `${r.label}/${r.seed}`));
    expect(back.runs.map(numbers)).toEqual(whole.runs.map(numbers));
    expect(back.curve).toEqual(whole.curve);

    // A shard left out: the runs it held are named, and the command says it is incomplete.
    const half = lab('sweep', '--from', files[0], '--json');
    expect(half.status).toBe(1);
    expect(half.stderr).toMatch(/2 of 4 runs are in no file/);
    expect(half.stderr).toContain("'mix 0' seed 2");
    expect(JSON.parse(half.stdout).curve.map((p: { n: number }) => p.n)).toEqual([1, 1]);
  }, 300_000);

  it('prints a lever table and, for two keys, grids of forgetting and gain', () => {
    const result = (values: Record<string, unknown>, seed: number, taskGain: number, forgetting: number) => ({
      values,
      seed,
      summary: { taskGain, forgetting, taskAcc: taskGain, generalAcc: 1 - forgetting, taskTokenAcc: 0, generalTokenAcc: 0, steps: 1, msPerStep: 1, trainableParams: 1 },
    });
    const axes = [
      { key: 'mix', values: [0.5, 0] },
      { key: 'lr', values: [1e-3, 1e-4] },
    ];
    const results = [
      result({ mix: 0, lr: 1e-4 }, 1, 0.1, 0.2),
      result({ mix: 0, lr: 1e-4 }, 2, 0.3, 0.4),
      result({ mix: 0, lr: 1e-3 }, 1, 0.6, 0.7),
      result({ mix: 0.5, lr: 1e-3 }, 1, -0.05, 0.05),
    ];
    const text = sweepText({ base: defaultConfig(), axes, seeds: [1, 2], curve: leverCurve(axes, results), grid: leverGrid([axes[0], axes[1]], results), runs: 8, workers: 2, seconds: 9 });
    const lines = text.split('\n');
    expect(lines[0]).toBe('Sweep of mix × lr: 2 seed(s) from 1, 8 runs on 2 worker(s), 9 s. Points: mean ± sd over seeds.');
    expect(lines.find((l) => l.startsWith('value'))).toMatch(/^value\s+n\s+task gain \(pts\)\s+forgetting \(pts\)$/);
    // In value order, whatever order they were given in; a value with no finished run has no row.
    expect(lines.filter((l) => l.startsWith('mix ')).map((l) => l.split(/\s{2,}/))).toEqual([
      ['mix 0 · lr 1e-4', '2', '+20.0 ± 14.1', '30.0 ± 14.1'],
      ['mix 0 · lr 0.001', '1', '+60.0', '70.0'],
      ['mix 0.5 · lr 0.001', '1', '−5.0', '5.0'],
    ]);
    expect(text).toContain(['forgetting (pts): lr ↓ mix →   mix 0   mix 0.5', 'lr 1e-4                         30.0         —', 'lr 0.001                        70.0       5.0'].join('\n'));
    expect(text).toMatch(/task gain \(pts\): lr ↓ mix →\s+mix 0\s+mix 0\.5\nlr 1e-4\s+\+20\.0\s+—\nlr 0\.001\s+\+60\.0\s+−5\.0/);
  });

  it('names every bad key and value and exits non-zero before running anything', () => {
    const result = lab('sweep', '--set', 'mix=0,2,lots', '--set', 'colour=red,blue', '--set', 'steps=4', '--json');
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/mix: '2': Too big/);
    expect(result.stderr).toMatch(/mix: expected a number, got 'lots'/);
    expect(result.stderr).toMatch(/colour: unknown key/);
    expect(result.stderr).not.toMatch(/runs on/);
    expect(result.stdout).toBe('');
  });
});
