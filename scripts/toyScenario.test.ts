/**
 * The scenario contract: a third scenario that is only a descriptor and a
 * runtime (engine/testing/toyScenario.ts) trains through the worker's API as
 * the page drives it, through the command line's `run`, and makes a link
 * round trip; a descriptor that leaves a field out does not type-check.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { presetsFor, scenarioStart } from '../src/engine/config/presets';
import { runName } from '../src/engine/config/naming';
import type { ExperimentEvent } from '../src/engine/experiment/events';
import type { ScenarioDescriptor } from '../src/engine/scenarios/descriptor';
import { describeScenario } from '../src/engine/scenarios/registry';
import { registerToyScenario, TOY, toyDescriptor } from '../src/engine/testing/toyScenario';
import { decodeLink, encodeLink } from '../src/share/link';
import { LabWorker } from '../src/worker/labWorkerService';
import { runCommand } from './commands/run';

vi.mock('../src/engine/scenarios/names', () => ({ SCENARIOS: ['skills', 'text', 'toy'] }));

beforeAll(() => registerToyScenario());
afterEach(() => vi.unstubAllGlobals());

// The contract's other half: leaving any field out is a compile error (tsc runs over tests in `npm run typecheck`).
const { lesson: _lesson, ...withoutLesson } = toyDescriptor;
// @ts-expect-error a descriptor without `lesson` is not a descriptor
const incomplete: ScenarioDescriptor = withoutLesson;

describe('a scenario that is only a descriptor and a runtime', () => {
  it('is a scenario everywhere above the engine: start, presets, names, links', () => {
    expect(incomplete.name).toBe(TOY);
    expect(describeScenario(TOY).label).toBe('toy');
    const start = scenarioStart(TOY);
    expect(start).toMatchObject({ scenario: TOY, task: 'rotate', steps: 4, batchSize: 4 });
    expect(presetsFor(TOY).map((p) => p.name)).toEqual(['toy-plain', 'toy-mix']);
    expect(runName(start)).toBe('Toy: plain');
    // The plain scenario link opens the scenario's start; a change rides along and comes back.
    expect(decodeLink('?scenario=toy').config).toEqual(start);
    const changed = { ...start, mix: 0.25, seed: 7 };
    const { query } = encodeLink(changed);
    expect(query).toContain('scenario=toy');
    expect(query).not.toContain('steps=');
    const back = decodeLink(query);
    expect(back.errors).toEqual([]);
    expect(back.config).toEqual(changed);
  });

  it('trains through the worker API, as the page drives it', async () => {
    // The worker fetches the shipped skills model at init (the default scenario's); Node's fetch reads no files, so serve them.
    vi.stubGlobal('fetch', async (url: string) => new Response(await readFile(fileURLToPath(url))));
    const worker = new LabWorker();
    await worker.init('cpu', new URL('../public/models/base/', import.meta.url).href);
    const report = await worker.evaluateBase(TOY);
    expect(report.scenario).toBe(TOY);
    expect(report.general?.length).toBeGreaterThan(0);
    const events: ExperimentEvent[] = [];
    const outcome = await worker.run(scenarioStart(TOY), (batch) => void events.push(...batch.events));
    expect(outcome).toBe('done');
    expect(events[0]).toMatchObject({ type: 'start', config: { scenario: TOY } });
    expect(events.filter((e) => e.type === 'step')).toHaveLength(4);
    expect(events.at(-1)).toMatchObject({ type: 'done', summary: { steps: 4 } });
  });

  it('trains through the command line, from --set scenario=toy to its start', async () => {
    const written: string[] = [];
    const stdout = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (written.push(String(chunk)), true));
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(await runCommand(['--set', 'scenario=toy', '--backend', 'cpu', '--json'])).toBe(0);
    } finally {
      stdout.mockRestore();
      stderr.mockRestore();
    }
    const output = JSON.parse(written.join(''));
    expect(output.config).toEqual(scenarioStart(TOY));
    expect(output.summary.steps).toBe(4);
    expect(output.events.filter((e: ExperimentEvent) => e.type === 'eval').length).toBeGreaterThan(0);
  });
});
