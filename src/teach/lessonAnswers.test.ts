/** The lessons' answers read the runs' own events: each test states accuracies and checks the answer found them. */
import { describe, expect, it } from 'vitest';
import { fakeRun } from './fakeRuns';
import { adapterVsFull, bestBalance, lowerLearningRate, mixingCost, pullVsFree, whichSkillFellFirst } from './lessonAnswers';

const BEFORE = { copy: 1, reverse: 1, sort: 0.99, successor: 1, task: 0.01 };

describe('which skill fell first', () => {
  it('names the skill that first lost a quarter of its answers, and the ones after it', () => {
    const run = fakeRun({
      before: BEFORE,
      points: [
        { step: 10, acc: { copy: 1, reverse: 0.9, sort: 0.6, successor: 1, task: 0.5 }, evalSize: 12 },
        { step: 20, acc: { copy: 0.95, reverse: 0.5, sort: 0.3, successor: 0.9, task: 0.9 }, evalSize: 12 },
        { step: 30, acc: { copy: 0.7, reverse: 0.4, sort: 0.2, successor: 0.85, task: 1 } },
      ],
    });
    const answer = whichSkillFellFirst(run);
    expect(answer.text).toMatch(/^sort fell first: at step 10 it got 60% .* down from 99%/);
    expect(answer.details).toContain('Then: reverse at step 20, copy at step 30.');
    expect(answer.details).toContain('Never lost 25 points: successor.');
    // Forgetting from the summary: mean before 0.9975, after 0.5375.
    expect(answer.details.join(' ')).toContain('forgetting 46.0 points');
    // The live point behind the answer used 12 examples: the answer says how coarse that is.
    expect(answer.details.join(' ')).toContain('use 12 examples per skill');
  });

  it('says skills fell together when they fell by the same evaluation, not that one fell first', () => {
    const run = fakeRun({
      before: BEFORE,
      points: [
        { step: 10, acc: { copy: 1, reverse: 0.95, sort: 0.99, successor: 1, task: 0.5 } },
        { step: 20, acc: { copy: 0.7, reverse: 0.2, sort: 0.99, successor: 1, task: 1 } },
      ],
    });
    const answer = whichSkillFellFirst(run);
    expect(answer.text).toBe('reverse and copy fell together: at step 20 each had lost 25 points or more of its exact-match answers: reverse 100% → 20%, copy 100% → 70%.');
    expect(answer.text).not.toMatch(/fell first/);
    expect(answer.details.join(' ')).not.toMatch(/first check/);
  });

  it('says all of them fell together when the first check already shows every skill down', () => {
    const run = fakeRun({
      before: BEFORE,
      points: [
        { step: 25, acc: { copy: 0.1, reverse: 0, sort: 0.3, successor: 0.05, task: 0.9 }, evalSize: 12 },
        { step: 50, acc: { copy: 0, reverse: 0, sort: 0.1, successor: 0, task: 1 } },
      ],
    });
    const answer = whichSkillFellFirst(run);
    expect(answer.text).toMatch(/^All 4 skills fell together: by the first check, at step 25, each had lost 25 points or more/);
    expect(answer.text).toContain('sort 99% → 30%');
    expect(answer.text).not.toMatch(/sort fell first/);
    expect(answer.details).toContain('The first check, at step 25, already found them down, so this run cannot tell which fell first: set “Evaluate every” lower to see the order.');
  });

  it('says so when no skill fell by a quarter, naming the biggest fall', () => {
    const run = fakeRun({ before: BEFORE, points: [{ step: 20, acc: { copy: 0.98, reverse: 0.9, sort: 0.95, successor: 1, task: 0.4 } }] });
    expect(whichSkillFellFirst(run).text).toBe('No skill lost 25 points or more in this run. The biggest fall by the end: reverse, 10.0 points.');
  });

  it('does not answer from a run without final scores', () => {
    const run = fakeRun({ name: 'cut', before: BEFORE, points: [{ step: 10, acc: { copy: 0, reverse: 0, sort: 0, successor: 0, task: 1 } }], unfinished: true });
    expect(whichSkillFellFirst(run).text).toBe('“cut” has no final scores to read.');
  });
});

describe('comparisons with the ignore run', () => {
  const ignore = fakeRun({ before: BEFORE, points: [{ step: 20, acc: { copy: 0.3, reverse: 0.2, sort: 0.1, successor: 0.5, task: 0.99 } }] });

  it('mixing: the task gain it cost and the forgetting it saved', () => {
    const mix = fakeRun({ settings: { mix: 0.25 }, before: BEFORE, points: [{ step: 20, acc: { copy: 0.9, reverse: 0.85, sort: 0.8, successor: 0.95, task: 0.95 } }] });
    const answer = mixingCost(mix, ignore);
    // Gain 98 → 94 points; forgetting 72.25 → 12.25 points.
    expect(answer.text).toBe('Mixing in 25% general data cost 4.0 points of task gain, and cut forgetting by 60.0 points.');
    expect(answer.details).toEqual(['Task gain: 4.0 points less with mixing (ignore → mixing: 98.0 → 94.0).', 'Forgetting: 60.0 points less with mixing (72.3 → 12.3).']);
  });

  it('mixing that gained more and forgot more says so, not a negative cost', () => {
    const mix = fakeRun({ settings: { mix: 0.5 }, before: BEFORE, points: [{ step: 20, acc: { copy: 0.2, reverse: 0.2, sort: 0.1, successor: 0.5, task: 1 } }] });
    expect(mixingCost(mix, ignore).text).toBe('Mixing in 50% general data cost no task gain: it gained 1.0 points more, and forgot 2.5 points more.');
  });

  it('LoRA: parameters trained, forgetting, and when each learned the task', () => {
    const lora = fakeRun({
      settings: { method: 'lora' },
      before: BEFORE,
      trainable: 120,
      total: 1000,
      points: [
        { step: 10, acc: { copy: 1, reverse: 1, sort: 0.99, successor: 1, task: 0.5 } },
        { step: 20, acc: { copy: 0.9, reverse: 0.9, sort: 0.9, successor: 0.9, task: 0.92 } },
      ],
    });
    const full = fakeRun({
      before: BEFORE,
      points: [
        { step: 10, acc: { copy: 0.5, reverse: 0.5, sort: 0.5, successor: 0.5, task: 0.95 } },
        { step: 20, acc: { copy: 0.3, reverse: 0.2, sort: 0.1, successor: 0.5, task: 0.99 } },
      ],
    });
    const answer = adapterVsFull(lora, full);
    expect(answer.text).toBe('LoRA trained 120 parameters (12.0% of the model’s 1,000); full fine-tuning trained 1,000. It forgot 9.8 points, less than the 72.3 points of full fine-tuning.');
    expect(answer.details).toContain('LoRA reached 90% on the task at step 20.');
    expect(answer.details).toContain('Full fine-tuning reached 90% on the task at step 10.');
  });

  it('a pull toward θ0: how far the weights moved, and the forgetting it saved', () => {
    const free = fakeRun({ before: BEFORE, points: [{ step: 20, acc: { copy: 0.3, reverse: 0.2, sort: 0.1, successor: 0.5, task: 0.99 }, drift: 4 }] });
    const pulled = fakeRun({
      settings: { 'reg.kind': 'ewc', 'reg.strength': 1 },
      before: BEFORE,
      points: [{ step: 20, acc: { copy: 0.95, reverse: 0.95, sort: 0.9, successor: 1, task: 0.97 }, drift: 1 }],
    });
    const answer = pullVsFree(pulled, free);
    expect(answer.text).toBe('With EWC λ 1 the weights moved 1.00 from θ0, against 4.00 without a pull: 25% as far. It forgot 67.5 points less.');
  });

  it('a lower learning rate: both numbers at both rates, and one that never learned the task', () => {
    const low = fakeRun({ settings: { lr: 1e-4 }, before: BEFORE, points: [{ step: 20, acc: { copy: 0.9, reverse: 0.8, sort: 0.89, successor: 1, task: 0.6 } }] });
    const answer = lowerLearningRate(low, ignore);
    expect(answer.text).toBe('At lr 1e-4 the model forgot 10.0 points and gained 59.0 points on the task; at lr 0.001 it forgot 72.3 points and gained 98.0 points.');
    expect(answer.details).toContain('At lr 1e-4 it did not reach 90% on the task in 150 steps.');
  });

  it('the best balance, least forgetting and most gain across the runs there are', () => {
    const mix = fakeRun({ settings: { mix: 0.25 }, before: BEFORE, points: [{ step: 20, acc: { copy: 0.9, reverse: 0.85, sort: 0.8, successor: 0.95, task: 0.95 } }] });
    const still = fakeRun({ settings: { lr: 1e-5 }, before: BEFORE, points: [{ step: 20, acc: { ...BEFORE, task: 0.02 } }] });
    const answer = bestBalance([
      { label: 'Ignore', run: ignore },
      { label: 'Mix', run: mix },
      { label: 'Tiny lr', run: still },
    ]);
    expect(answer.text).toBe('Best balance (task gain minus forgetting): Mix, 94.0 − 12.3 = 81.7 points.');
    expect(answer.details.slice(0, 2)).toEqual(['Least forgetting: Tiny lr (0.0 points).', 'Most task gain: Ignore (98.0 points).']);
    expect(bestBalance([{ label: 'Ignore', run: ignore }]).text).toMatch(/at least two/);
  });
});
