/** The command line as a person uses it: exit codes, messages, and a clean stdout for --json. */
import { describe, expect, it } from 'vitest';
import { lab, labWith } from './lib/labProcess';

// Each test starts the command line in its own processes (tsx, tfjs, the base model): on a loaded machine that takes minutes.
describe('lab command line', () => {
  it('names an unknown key and a bad value, and exits non-zero without running', () => {
    const result = lab('run', '--set', 'colour=red', '--set', 'lr=fast');
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/colour: unknown key/);
    expect(result.stderr).toMatch(/lr: expected a number/);
    expect(result.stdout).toBe('');
  });

  it('prints only the JSON result on stdout with --json, progress on stderr', () => {
    const result = lab('run', '--set', 'steps=3', '--set', 'evalEvery=3', '--json');
    expect(result.status).toBe(0);
    const output = JSON.parse(result.stdout);
    expect(output.config.steps).toBe(3);
    expect(output.events.at(-1).type).toBe('done');
    expect(output.summary.steps).toBe(3);
    expect(result.stderr).toMatch(/step 3\/3/);
  });

  it('runs exactly the experiment a link holds', () => {
    const result = lab('run', '--link', 'http://localhost:5173/?v=1&mix=0.5&steps=2&evalEvery=2&seed=9', '--json');
    expect(result.status).toBe(0);
    const { config } = JSON.parse(result.stdout);
    expect([config.mix, config.steps, config.seed]).toEqual([0.5, 2, 9]);
  });

  it('runs the text scenario from its preset: the text model and corpus, bits per character in the summary', () => {
    const result = lab('run', '--preset', 'text-ignore', '--set', 'steps=2', '--set', 'evalEvery=2', '--json');
    expect(result.status, result.stderr).toBe(0);
    const { config, summary } = JSON.parse(result.stdout);
    expect([config.scenario, config.domain]).toEqual(['text', 'code']);
    expect(summary.taskBpc).toBeGreaterThan(0);
    expect(summary.generalBpc).toBeGreaterThan(0);
    expect(summary.realWords).toBeGreaterThanOrEqual(0);
    const bad = lab('report', '--scenario', 'poetry');
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toMatch(/--scenario takes skills or text, not 'poetry'/);
  });

  it('says so and exits non-zero when WebGPU has no adapter, and falls back only when asked', () => {
    // A Vulkan driver list naming a driver that is not there: no adapter on any machine, GPU or not.
    const noGpu = { VK_ICD_FILENAMES: '/nonexistent/vulkan-icd.json' };
    const alone = labWith(noGpu, 'run', '--backend', 'webgpu', '--set', 'steps=1', '--json');
    expect(alone.status).not.toBe(0);
    expect(alone.stderr).toMatch(/no WebGPU adapter/);
    expect(alone.stdout).toBe('');
    const withFallback = labWith(noGpu, 'run', '--backend', 'webgpu,wasm', '--set', 'steps=1', '--set', 'evalEvery=1', '--json');
    expect(withFallback.status).toBe(0);
    expect(JSON.parse(withFallback.stdout).backend).toBe('wasm');
    expect(withFallback.stderr).toMatch(/backend webgpu could not start/);
  });
});
