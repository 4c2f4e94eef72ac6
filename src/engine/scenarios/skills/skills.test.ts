import { describe, expect, it } from 'vitest';
import { promptKey } from '../../data/example';
import { heldOutSet, trainingExample } from '../../data/heldout';
import { Rng } from '../../data/rng';
import { BatchSampler, planBatch } from '../../data/sampler';
import { GENERAL_SKILLS, makeExample, MAX_DIGITS, MIN_DIGITS, successor, TASKS, findSkill } from './skills';
import { detokenize, tokenId } from '../../data/vocab';

const text = (skill: string, input: number[]) => {
  const e = makeExample(findSkill(skill), input);
  return `${detokenize(e.prompt)} ${detokenize(e.answer)}`;
};

describe('skills', () => {
  it('write each skill and task as the examples in their descriptions', () => {
    expect(text('copy', [3, 8, 1])).toBe('<copy> 3 8 1 = 3 8 1 <eos>');
    expect(text('reverse', [3, 8, 1])).toBe('<rev> 3 8 1 = 1 8 3 <eos>');
    expect(text('sort', [3, 8, 1])).toBe('<sort> 3 8 1 = 1 3 8 <eos>');
    expect(text('successor', [3, 8, 9])).toBe('<succ> 3 8 9 = 3 9 0 <eos>');
    expect(text('letters', [3, 8, 1])).toBe('<map> d i b = 3 8 1 <eos>');
    expect(text('rotate', [3, 8, 1])).toBe('<rot> 3 8 1 = 8 1 3 <eos>');
    expect(text('revinc', [3, 8, 1])).toBe('<revinc> 3 8 1 = 1 8 4 <eos>');
  });

  it('carry in the successor, growing the string when every digit is 9', () => {
    expect(successor([0, 9, 9])).toEqual([1, 0, 0]);
    expect(successor([9, 9, 9])).toEqual([1, 0, 0, 0]);
    expect(successor([1, 2, 3])).toEqual([1, 2, 4]);
  });

  it('are seeded: the same seed gives the same examples, another seed others', () => {
    const a = new Rng(7);
    const b = new Rng(7);
    const c = new Rng(8);
    const skill = GENERAL_SKILLS[1];
    const fromA = Array.from({ length: 20 }, () => promptKey(trainingExample(skill, a)));
    const fromB = Array.from({ length: 20 }, () => promptKey(trainingExample(skill, b)));
    const fromC = Array.from({ length: 20 }, () => promptKey(trainingExample(skill, c)));
    expect(fromA).toEqual(fromB);
    expect(fromA).not.toEqual(fromC);
  });

  it('use lengths from MIN_DIGITS to MAX_DIGITS', () => {
    const rng = new Rng(3);
    const lengths = new Set<number>();
    for (let i = 0; i < 500; i++) lengths.add(trainingExample(GENERAL_SKILLS[0], rng).prompt.length - 2);
    expect(Math.min(...lengths)).toBe(MIN_DIGITS);
    expect(Math.max(...lengths)).toBe(MAX_DIGITS);
  });

  it('keep letters out of pre-training skills and in the letters task', () => {
    const letterIds = new Set('abcdefghij'.split('').map(tokenId));
    const rng = new Rng(1);
    for (const skill of GENERAL_SKILLS) {
      for (let i = 0; i < 50; i++) expect(trainingExample(skill, rng).prompt.some((t) => letterIds.has(t))).toBe(false);
    }
    expect(trainingExample(TASKS[0], rng).prompt.slice(1, -1).every((t) => letterIds.has(t))).toBe(true);
  });
});

describe('held-out sets', () => {
  it('are fixed, distinct, and never sampled for training', () => {
    for (const skill of [...GENERAL_SKILLS, ...TASKS]) {
      const set = heldOutSet(skill);
      expect(set.keys.size).toBe(set.examples.length);
      expect(heldOutSet(skill).examples).toBe(set.examples);
      const rng = new Rng(99);
      for (let i = 0; i < 3000; i++) expect(set.keys.has(promptKey(trainingExample(skill, rng)))).toBe(false);
    }
  });

  it('cover the short inputs that training would otherwise hit', () => {
    // 3-digit inputs are only 1000: the held-out set must take some, and the sampler must avoid them.
    const set = heldOutSet(GENERAL_SKILLS[0]);
    expect(set.examples.filter((e) => e.prompt.length === 5).length).toBeGreaterThan(5);
  });
});

describe('batch sampler', () => {
  it('takes exactly round(mix * size) general examples per batch', () => {
    const sampler = new BatchSampler(TASKS[0], GENERAL_SKILLS, new Rng(5));
    const taskMarker = tokenId(TASKS[0].marker);
    for (const [size, mix] of [[32, 0], [32, 0.25], [32, 0.5], [30, 0.1], [7, 0.9], [64, 0.33]] as const) {
      const plan = planBatch(size, mix);
      expect(plan.general).toBe(Math.round(mix * size));
      for (let i = 0; i < 5; i++) {
        const batch = sampler.sample(plan);
        expect(batch.length).toBe(size);
        expect(batch.filter((e) => e.prompt[0] !== taskMarker).length).toBe(plan.general);
      }
    }
  });

  it('spreads the general share evenly over the skills', () => {
    const sampler = new BatchSampler(TASKS[0], GENERAL_SKILLS, new Rng(5));
    const batch = sampler.sample(planBatch(32, 0.5));
    for (const skill of GENERAL_SKILLS) {
      expect(batch.filter((e) => e.prompt[0] === tokenId(skill.marker)).length).toBe(4);
    }
  });

  it('replays exactly round(replay * size) examples of the earlier tasks in a stream, the task keeping the rest', () => {
    const [first, second, third] = TASKS;
    const sampler = new BatchSampler(first, GENERAL_SKILLS, new Rng(7));
    const count = (batch: { prompt: number[] }[], marker: string) => batch.filter((e) => e.prompt[0] === tokenId(marker)).length;
    const plan = planBatch(32, 0.25, 0.25);
    expect(plan).toEqual({ general: 8, replay: 8, task: 16 });
    // Stage 0: no earlier task, so the replay share trains on the task.
    expect(count(sampler.sample(plan), first.marker)).toBe(24);
    sampler.setTask(third, [first, second]);
    const batch = sampler.sample(plan);
    expect(count(batch, third.marker)).toBe(16);
    expect(count(batch, first.marker) + count(batch, second.marker)).toBe(8);
    expect(count(batch, first.marker)).toBe(4);
    // The task always keeps one example.
    expect(planBatch(8, 0.5, 0.9)).toEqual({ general: 4, replay: 3, task: 1 });
  });
});

