import { beforeEach, describe, expect, it } from 'vitest';
import { applySettings } from '../engine/config/keys';
import { defaultConfig } from '../engine/config/schema';
import type { ExperimentEvent } from '../engine/experiment/events';
import { encodeLink } from '../share/link';
import { toSharedRun } from '../share/results';
import { runsToJson } from '../share/runFile';
import { useClassViewStore } from './classViewStore';
import { useConfigStore } from './configStore';
import { useNoticeStore } from './noticeStore';
import { useRunsStore } from './runsStore';

const score = (acc: number) => ({ acc, tokenAcc: acc, loss: 0.5 });
const evalOf = (task: number, general: number) => ({ task: score(task), general: { copy: score(general) }, generalAcc: general, generalTokenAcc: general });
const events: ExperimentEvent[] = [
  { type: 'baseline', eval: evalOf(0, 1), evalSize: 128, samples: [] },
  { type: 'eval', step: 10, eval: evalOf(1, 0.5), evalSize: 128, drift: { total: 1, byLayer: {} } },
  { type: 'done', summary: { taskGain: 1, forgetting: 0.5, taskAcc: 1, generalAcc: 0.5, taskTokenAcc: 1, generalTokenAcc: 0.5, steps: 10, msPerStep: 12, trainableParams: 9 } },
];
const theirRun = { name: 'theirs', backend: 'wasm', config: applySettings(defaultConfig(), { mix: 0.3, steps: 10 }).config, events };

beforeEach(() => {
  useNoticeStore.setState({ notices: [] });
  useConfigStore.getState().reset();
  useRunsStore.getState().clear();
  useClassViewStore.getState().clear();
});

describe('the class view store', () => {
  it("collects links and files without touching the instructor's own runs, settings or notices", async () => {
    useConfigStore.getState().set('mix', 0.7);
    const config = useConfigStore.getState().config;
    const link = `https://lab.example/${encodeLink(defaultConfig(), { results: [toSharedRun(theirRun)!], participant: 'Ana' }).href}`;
    useClassViewStore.getState().addLinks(link);
    await useClassViewStore.getState().addFiles([new File([runsToJson([theirRun], { participant: 'Ana' })], 'ana.json'), new File(['nope'], 'bad.json')]);
    const { view } = useClassViewStore.getState();
    expect(view.runs.map((r) => r.participant)).toEqual(['Ana']);
    expect(view.sources.map((s) => [s.label, s.duplicates, Boolean(s.error)])).toEqual([
      ['link 1', 0, false],
      ['ana.json', 1, false],
      ['bad.json', 0, true],
    ]);
    expect(useRunsStore.getState().runs).toEqual([]);
    expect(useConfigStore.getState().config).toBe(config);
    expect(useNoticeStore.getState().notices).toEqual([]);
  });
});
