import { describe, expect, it } from 'vitest';
import { configSchema } from '../engine/config/schema';
import type { ExperimentEvent } from '../engine/experiment/events';
import { MAX_IMPORT_BYTES, runsFromJson, runsToCsv, runsToJson } from './runFile';

const score = (acc: number) => ({ acc, tokenAcc: acc, loss: 0.5 });
const ev = { task: score(0.5), general: { copy: score(1), 'so,rt': score(0.25) }, generalAcc: 0.625, generalTokenAcc: 0.625 };
const events: ExperimentEvent[] = [
  { type: 'baseline', eval: ev, evalSize: 128, samples: [{ skill: 'copy', prompt: '<copy> 1 2 =', expected: '1 2', answer: '1 2' }] },
  { type: 'step', step: 1, loss: 1.5, lr: 0.001 },
  { type: 'eval', step: 1, eval: ev, evalSize: 128, drift: { total: 0.1, byLayer: { 'h0.attn.q': 0.1 } }, samples: [] },
  {
    type: 'done',
    summary: { taskGain: 0.5, forgetting: 0, taskAcc: 0.5, generalAcc: 0.625, taskTokenAcc: 0.5, generalTokenAcc: 0.625, steps: 1, msPerStep: 3, trainableParams: 9 },
  },
];
const runs = [{ name: 'a "quoted", run', config: configSchema.parse({ mix: 0.5 }), backend: 'wasm', events }];

describe('run files', () => {
  it('round-trip through JSON', () => {
    const back = runsFromJson(runsToJson(runs));
    expect(back.error).toBeUndefined();
    expect(back.runs).toEqual(runs);
  });

  it('refuse wrong JSON, wrong schema, bad configs and huge files, all or nothing', () => {
    expect(runsFromJson('{').error).toMatch(/not valid JSON/);
    expect(runsFromJson('[]').error).toMatch(/not a Forgetting Lab export/);
    const good = JSON.parse(runsToJson(runs));
    expect(runsFromJson(JSON.stringify({ ...good, runs: [...good.runs, { ...good.runs[0], events: [{ type: 'eval' }] }] })).error).toMatch(/runs\.1\.events/);
    expect(runsFromJson(JSON.stringify({ ...good, runs: [{ ...good.runs[0], config: { lr: 'fast' } }] })).error).toMatch(/invalid config: lr/);
    const huge = runsFromJson(' '.repeat(MAX_IMPORT_BYTES + 1));
    expect(huge.error).toMatch(/imports files up to/);
    expect(huge.runs).toEqual([]);
  });

  it('write one CSV row per evaluation point, quoting what needs it', () => {
    const lines = runsToCsv(runs).trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toContain(',"so,rt_acc",');
    expect(lines[1].startsWith('"a ""quoted"", run",wasm,skills,letters,full,0,0.5')).toBe(true);
    expect(lines[2].endsWith(',0.1')).toBe(true);
  });
});
