import { describe, expect, it } from 'vitest';
import { encodeAdapter } from '../engine/adapters/adapterRecord';
import type { Run } from '../runs/run';
import { adaptersArePlugins } from './adapterLessonAnswers';
import { fakeRun } from './fakeRuns';

const BEFORE = { copy: 1, reverse: 1, sort: 0.96, successor: 1, task: 0.008 };
const adapter = encodeAdapter({ rank: 4, alpha: 8, targets: ['q'], rslora: false, values: new Float32Array(250) });

/** A finished LoRA run with its adapter event before done, as the engine ends one. */
function loraRun(task: string, taskAcc: number, general: number): Run {
  const run = fakeRun({
    name: `LoRA ${task}`,
    settings: { method: 'lora', task },
    before: BEFORE,
    points: [{ step: 150, acc: { copy: general, reverse: general, sort: general, successor: general, task: taskAcc } }],
  });
  const done = run.events.at(-1)!;
  return { ...run, events: [...run.events.slice(0, -1), { type: 'adapter', step: 150, adapter }, done] };
}

describe('adapters are plugins (lesson answer)', () => {
  it('reads each adapter’s task, gain and cost, and the base the runs started from', () => {
    const answer = adaptersArePlugins(loraRun('rotate', 0.97, 0.5), loraRun('letters', 1, 0.9));
    expect(answer.text).toContain('The letters adapter took letters from 0.8% to 100.0%');
    expect(answer.text).toContain('The rotate adapter took rotate from 0.8% to 97.0%');
    expect(answer.text).toContain('general skills at 99.0%');
    expect(answer.details).toEqual(['letters: 250 numbers (1.0 KB), rank 4, kept with the run.', 'rotate: 250 numbers (1.0 KB), rank 4, kept with the run.']);
  });

  it('says which run has no final scores', () => {
    const unfinishedRun = { ...loraRun('rotate', 0.97, 0.5), events: [] };
    expect(adaptersArePlugins(unfinishedRun, loraRun('letters', 1, 0.9)).text).toMatch(/LoRA rotate.*no final scores/);
  });
});
