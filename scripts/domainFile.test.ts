/**
 * `lab run --domain-file`: the command line trains on a text of one's own
 * exactly as the page does. The page's way is the worker's: the text stored
 * by hash, read back through the asset reader's customText, checked and split
 * by the scenario (textScenario.loadAssets). The same file and seed on the
 * same backend must give the same events.
 */
import { readFile, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { presetConfig } from '../src/engine/config/presets';
import { memoizedReader } from '../src/engine/scenarios/assets';
import { readCustomText } from '../src/engine/scenarios/text/customText';
import { textScenario } from '../src/engine/scenarios/text/textScenario';
import { REPO_ROOT } from './lib/checkpointFiles';
import { fileReader } from './lib/fileReader';
import { startNodeBackend } from './lib/nodeBackend';
import { runOnce } from './lib/runOnce';
import { lab } from './lib/labProcess';

const EXAMPLE = join(REPO_ROOT, 'public', 'data', 'custom', 'gyp-python.txt');

beforeAll(async () => {
  await startNodeBackend('wasm');
});

describe('lab run --domain-file', () => {
  it('gives the events a page-style run gives on the same text, seed and backend (wasm)', async () => {
    const result = lab('run', '--preset', 'text-ignore', '--domain-file', EXAMPLE, '--set', 'steps=3', '--set', 'evalEvery=3', '--set', 'seed=5', '--backend', 'wasm', '--json');
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/gyp-python\.txt: .*outside the model’s alphabet|gyp-python\.txt: Every character/);
    const cli = JSON.parse(result.stdout);

    // The page: a chosen file, read and hashed, kept by hash; the config names it; the worker reads it back by hash.
    const custom = await readCustomText(new Uint8Array(await readFile(EXAMPLE)), 'gyp-python.txt');
    const stored = new Map([[custom.sha256, { name: custom.name, text: custom.text }]]);
    const config = { ...presetConfig('text-ignore'), domain: 'custom' as const, domainHash: custom.sha256, domainName: custom.name, steps: 3, evalEvery: 3, seed: 5 };
    const read = memoizedReader({ ...fileReader(join(REPO_ROOT, 'public')), customText: async (h) => stored.get(h)! });
    const page = await runOnce(config, 'wasm', await textScenario.loadAssets({ config }, read));

    expect(cli.config).toEqual(config);
    expect(page.error).toBeUndefined();
    const points = (events: { type: string }[]) => events.filter((e) => e.type !== 'done').map((e) => JSON.stringify(e, (k, v) => (k === 'ms' || k === 'wallMs' || k === 'elapsedMs' || k === 'timing' ? undefined : v)));
    expect(points(cli.events)).toEqual(points(page.events));
    const baseline = page.events.find((e) => e.type === 'baseline')!;
    // The domain scored is the text's held-out split: a real score, not a shipped domain's.
    expect(baseline.type === 'baseline' && baseline.eval.task.acc).toBeGreaterThan(0);
  }, 400_000);

  it('refuses a file that is not text by name, and a non-text scenario, without running', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lab-domain-'));
    const binary = join(dir, 'weights.bin');
    await writeFile(binary, new Uint8Array([0, 1, 2, 3, 0, 0, 255, 254]));
    const bad = lab('run', '--preset', 'text-ignore', '--domain-file', binary);
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toMatch(/weights\.bin looks like a binary file/);
    expect(bad.stdout).toBe('');
    const skills = lab('run', '--preset', 'ignore', '--domain-file', EXAMPLE);
    expect(skills.status).not.toBe(0);
    expect(skills.stderr).toMatch(/--domain-file trains the text scenario/);
  }, 60_000);
});
