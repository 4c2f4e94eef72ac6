/**
 * A few fixed prompts per skill and task, answered by greedy decoding, so
 * people can read what the model actually says before and after training.
 */
import type { z } from 'zod';
import { heldOutSet } from '../data/heldout';
import type { sampleSchema } from '../experiment/eventSchema';
import type { Skill } from '../scenarios/skills/skills';
import { detokenize, EOS } from '../data/vocab';
import type { Gpt } from '../model/model';
import { greedyAnswers } from './generate';

export type Sample = z.infer<typeof sampleSchema>;

const SAMPLES_PER_SKILL = 2;

export async function sampleAnswers(model: Gpt, skills: readonly Skill[]): Promise<Sample[]> {
  const picked = skills.flatMap((skill) => heldOutSet(skill).examples.slice(0, SAMPLES_PER_SKILL).map((example) => ({ skill, example })));
  const answers = await greedyAnswers(model, picked.map((p) => p.example.prompt), model.dims.context);
  return picked.map(({ skill, example }, i) => ({
    skill: skill.name,
    prompt: detokenize(example.prompt),
    expected: detokenize(example.answer.filter((t) => t !== EOS)),
    answer: detokenize(answers[i]),
  }));
}
