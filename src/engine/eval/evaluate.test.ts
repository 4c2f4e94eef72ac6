import { beforeAll, describe, expect, it } from 'vitest';
import { readCheckpoint } from '../../../scripts/lib/checkpointFiles';
import { useBackend } from '../backend/backends';
import type { Checkpoint } from '../checkpoint/format';
import { packBatch } from '../data/batch';
import { heldOutSet } from '../data/heldout';
import { GENERAL_SKILLS, TASKS } from '../scenarios/skills/skills';
import { EOS } from '../data/vocab';
import { modelInput } from '../model/input';
import { Gpt } from '../model/model';
import { initialValues } from '../model/params';
import { shiftParam, TINY_DIMS } from '../testing/fixtures';
import * as tf from '../tf';
import { measureDrift } from './drift';
import { Evaluator } from './evaluate';
import { greedyAnswers } from './generate';
import { forgetting, taskGain, toEvalResult, type SkillScore } from './score';

let base: Checkpoint;

beforeAll(async () => {
  await useBackend('wasm');
  base = await readCheckpoint();
});

describe('evaluation on the shipped base model', () => {
  it('counts an answer exactly right when and only when greedy decoding produces it', async () => {
    const model = new Gpt(base.manifest.dims, base.values);
    const size = 64;
    for (const skill of [...GENERAL_SKILLS, TASKS[0]]) {
      const evaluator = new Evaluator([skill], base.manifest.dims, size);
      const scores = (await evaluator.scores(model))[skill.name];
      const examples = heldOutSet(skill, size).examples;
      const answers = await greedyAnswers(model, examples.map((e) => e.prompt));
      const right = examples.filter((e, i) => JSON.stringify([...answers[i], EOS]) === JSON.stringify(e.answer)).length;
      expect(scores.acc).toBe(right / size);
      evaluator.dispose();
    }
    model.dispose();
  });

  it('scores per-token accuracy and loss over answer tokens only', async () => {
    const model = new Gpt(base.manifest.dims, base.values);
    const skill = GENERAL_SKILLS[3];
    const size = 32;
    const evaluator = new Evaluator([skill], base.manifest.dims, size);
    const score = (await evaluator.scores(model))[skill.name];
    // Recompute by hand from the logits.
    const packed = packBatch(heldOutSet(skill, size).examples, base.manifest.dims.context, 'answer');
    const logits = tf.tidy(() => tf.logSoftmax(model.logits(modelInput(packed.inputs, size, packed.length, base.manifest.dims))));
    const rows = logits.arraySync() as number[][];
    let tokens = 0;
    let right = 0;
    let loss = 0;
    rows.forEach((row, at) => {
      if (!packed.answerMask[at]) return;
      tokens += 1;
      loss -= row[packed.targets[at]];
      if (row.indexOf(Math.max(...row)) === packed.targets[at]) right += 1;
    });
    expect(score.tokenAcc).toBeCloseTo(right / tokens, 10);
    expect(score.loss).toBeCloseTo(loss / tokens, 4);
    logits.dispose();
    evaluator.dispose();
    model.dispose();
  });
});

describe('metrics', () => {
  const s = (acc: number): SkillScore => ({ acc, tokenAcc: acc, loss: 1 });
  it('define task gain and forgetting as docs/architecture.md does', () => {
    const before = toEvalResult({ t: s(0.02), a: s(1), b: s(0.9) }, 't', ['a', 'b']);
    const after = toEvalResult({ t: s(0.92), a: s(0.5), b: s(0.2) }, 't', ['a', 'b']);
    expect(before.generalAcc).toBeCloseTo(0.95, 12);
    expect(taskGain(before, after)).toBeCloseTo(0.9, 12);
    expect(forgetting(before, after)).toBeCloseTo(0.95 - 0.35, 12);
  });

  it('measure drift per module as the L2 norm of the change', async () => {
    const model = new Gpt(TINY_DIMS, initialValues(TINY_DIMS, 3));
    const theta0 = model.theta.clone();
    shiftParam(model, 'h1.attn.q.weight', (i) => (i === 3 ? 3 : 0));
    shiftParam(model, 'h1.attn.q.bias', () => 1);
    const drift = await measureDrift(model, theta0);
    expect(drift.byLayer['h1.attn.q']).toBeCloseTo(Math.sqrt(9 + TINY_DIMS.dModel), 4);
    expect(drift.byLayer['h1.attn.k']).toBe(0);
    expect(drift.byLayer['h0.attn.q']).toBe(0);
    expect(drift.total).toBeCloseTo(Math.sqrt(9 + TINY_DIMS.dModel), 4);
    theta0.dispose();
    model.dispose();
  });
});
