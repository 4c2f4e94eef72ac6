/**
 * The text scenario's claims, reduced: the shipped English model continually
 * pre-trained for 60 steps (the report: 200) on 2 seeds, scored on 8
 * held-out windows per source (the report: 16). Runs are deterministic on
 * wasm, so a failure here is a regression in the engine or the scenario, not
 * noise. The claims are the report's (textReportPlan.ts), on fewer points.
 * In the full suite (`npm run test:all`): its 18 runs take about two minutes.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useBackend } from '../../src/engine/backend/backends';
import { applySettings } from '../../src/engine/config/keys';
import { presetConfig } from '../../src/engine/config/presets';
import {
  forgetsAtLeastClaim,
  forgetsMoreClaim,
  judge,
  learningRateClaim,
  loraVsFullClaim,
  measure,
  mixingShareClaim,
  tradeoffClaim,
  type ClaimSpec,
  type ResultTable,
} from './claims';
import { runOnce } from './runOnce';
import { readScenarioAssets } from './scenarioAssets';

const SEEDS = [1, 2];
const RUNS: Record<string, Record<string, unknown>> = {
  ignore: {},
  near: { domain: 'near' },
  'mix 0.25': { mix: 0.25 },
  'lora r4': { method: 'lora', 'lora.rank': 4, 'lora.alpha': 8 },
  'l2sp 0.1': { 'reg.kind': 'l2sp', 'reg.strength': 0.1 },
  'l2sp 10': { 'reg.kind': 'l2sp', 'reg.strength': 10 },
  'ewc 1': { 'reg.kind': 'ewc', 'reg.strength': 1 },
  'ewc 100': { 'reg.kind': 'ewc', 'reg.strength': 100 },
  'lr 1e-4': { lr: 1e-4 },
};
const gain = (m: { summary: { taskGain: number } }) => m.summary.taskGain;
const CLAIMS: ClaimSpec[] = [
  forgetsAtLeastClaim('ignore', 0.15),
  forgetsMoreClaim('ignore', 'near'),
  mixingShareClaim('ignore', 'mix 0.25', 0.15),
  tradeoffClaim('l2sp', 'L2-SP trade-off', ['ignore', 'l2sp 0.1', 'l2sp 10'], gain),
  tradeoffClaim('ewc', 'EWC trade-off', ['ignore', 'ewc 1', 'ewc 100'], gain),
  loraVsFullClaim('ignore', 'lora r4'),
  learningRateClaim(['ignore', 'lr 1e-4']),
];

const table: ResultTable = {};

beforeAll(async () => {
  await useBackend('wasm');
  const assets = { ...(await readScenarioAssets('text')), evalSize: 8 };
  for (const seed of SEEDS) {
    for (const [label, settings] of Object.entries(RUNS)) {
      const { config, errors } = applySettings(presetConfig('text-ignore'), { ...settings, seed, steps: 60, evalEvery: 20, liveEvalSize: 8 });
      expect(errors).toEqual([]);
      const m = measure((await runOnce(config, 'wasm', assets)).events);
      if (m) (table[label] ??= {})[seed] = m;
    }
  }
}, 900_000);

describe('the text scenario’s claims, reduced', () => {
  for (const claim of CLAIMS) {
    it(claim.text, () => {
      const [result] = judge(table, SEEDS, [claim]);
      expect(result.perSeed).toHaveLength(SEEDS.length);
      for (const s of result.perSeed) expect(s.held, `seed ${s.seed}: ${s.detail}`).toBe(true);
    });
  }
});
