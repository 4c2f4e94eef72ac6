/** A stream of tasks from the command line: its JSON holds the matrix and BWT, and equals the same run in process. */
import { withoutTiming } from '../src/engine/testing/withoutTiming';
import { describe, expect, it } from 'vitest';
import { applySettings } from '../src/engine/config/keys';
import { defaultConfig } from '../src/engine/config/schema';
import { startNodeBackend } from './lib/nodeBackend';
import { runOnce } from './lib/runOnce';
import { readScenarioAssets } from './lib/scenarioAssets';
import { lab } from './lib/labProcess';

const SETTINGS = { stream: 'letters,rotate', stageSteps: '3', evalEvery: '3', batchSize: '8', replay: '0.25', seed: '4' };


describe('lab run with a stream', () => {
  it('prints the matrix and BWT in its JSON, the same events as the run in process', async () => {
    const sets = Object.entries(SETTINGS).flatMap(([k, v]) => ['--set', `${k}=${v}`]);
    const result = lab('run', ...sets, '--backend', 'wasm', '--json');
    expect(result.stderr).toMatch(/stage 2\/2 step 6\/6/);
    expect(result.status).toBe(0);
    const output = JSON.parse(result.stdout);
    const stream = output.summary.stream;
    expect(stream.tasks).toEqual(['letters', 'rotate']);
    expect(stream.matrix).toHaveLength(2);
    expect(stream.bwt).toBeCloseTo(stream.matrix[1][0] - stream.matrix[0][0], 12);

    const { config, errors } = applySettings(defaultConfig(), SETTINGS, { fromText: true });
    expect(errors).toEqual([]);
    const backend = await startNodeBackend('wasm');
    const inProcess = await runOnce(config, backend, await readScenarioAssets('skills'));
    expect(withoutTiming(output.events)).toEqual(withoutTiming(inProcess.events));
  }, 120_000);
});
