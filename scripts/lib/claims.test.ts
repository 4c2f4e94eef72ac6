/**
 * The science, reduced: the literature's claims checked on the shipped base
 * model with 2 seeds and 60 steps (the full `npm run lab -- report` uses 5
 * seeds and the default 150 steps). Runs are deterministic on wasm, so a
 * failure here is a regression in the engine or the scenario, not noise.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useBackend } from '../../src/engine/backend/backends';
import { applySettings } from '../../src/engine/config/keys';
import { defaultConfig } from '../../src/engine/config/schema';
import { readCheckpoint } from './checkpointFiles';
import {
  forgetsMoreClaim,
  judge,
  learningRateClaim,
  loraVsFullClaim,
  measure,
  mixingClaim,
  rankClaim,
  tradeoffClaim,
  type ClaimSpec,
  type ResultTable,
} from './claims';
import { runOnce } from './runOnce';

const SEEDS = [1, 2];
const STEPS = 60;
const RUNS: Record<string, Record<string, unknown>> = {
  ignore: {},
  'mix 0.5': { mix: 0.5 },
  'lora r1': { method: 'lora', 'lora.rank': 1, 'lora.alpha': 2 },
  'lora r64': { method: 'lora', 'lora.rank': 64, 'lora.alpha': 128 },
  'l2sp 0.1': { 'reg.kind': 'l2sp', 'reg.strength': 0.1 },
  'l2sp 10': { 'reg.kind': 'l2sp', 'reg.strength': 10 },
  'ewc 1': { 'reg.kind': 'ewc', 'reg.strength': 1 },
  'ewc 100000': { 'reg.kind': 'ewc', 'reg.strength': 100000 },
  'clamp 0.006': { 'reg.kind': 'clamp', 'reg.strength': 0.006 },
  'clamp 0.002': { 'reg.kind': 'clamp', 'reg.strength': 0.002 },
  'lr 1e-4': { lr: 1e-4 },
  'task encode': { task: 'encode' },
  'task rotate': { task: 'rotate' },
};
const gain = (m: { summary: { taskGain: number } }) => m.summary.taskGain;
const CLAIMS: ClaimSpec[] = [
  mixingClaim('ignore', 'mix 0.5'),
  loraVsFullClaim('ignore', 'lora r1'),
  rankClaim(['lora r1', 'lora r64']),
  tradeoffClaim('l2sp', 'L2-SP trade-off', ['ignore', 'l2sp 0.1', 'l2sp 10'], gain),
  tradeoffClaim('ewc', 'EWC trade-off', ['ignore', 'ewc 1', 'ewc 100000'], gain),
  tradeoffClaim('clamp', 'clamp trade-off', ['ignore', 'clamp 0.006', 'clamp 0.002'], gain),
  learningRateClaim(['ignore', 'lr 1e-4']),
  forgetsMoreClaim('task encode', 'task rotate'),
];

const table: ResultTable = {};

beforeAll(async () => {
  await useBackend('wasm');
  const base = await readCheckpoint();
  for (const seed of SEEDS) {
    for (const [label, settings] of Object.entries(RUNS)) {
      const { config, errors } = applySettings(defaultConfig(), { ...settings, seed, steps: STEPS, evalEvery: 20, liveEvalSize: 128 });
      expect(errors).toEqual([]);
      const m = measure((await runOnce(config, 'wasm', { base })).events);
      if (m) (table[label] ??= {})[seed] = m;
    }
  }
}, 600_000);

describe('the claims of the literature, reduced', () => {
  for (const claim of CLAIMS) {
    it(claim.text, () => {
      const [result] = judge(table, SEEDS, [claim]);
      expect(result.perSeed).toHaveLength(SEEDS.length);
      for (const s of result.perSeed) expect(s.held, `seed ${s.seed}: ${s.detail}`).toBe(true);
    });
  }
});
