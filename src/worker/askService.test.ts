import { describe, expect, it } from 'vitest';
import { useBackend } from '../engine/backend/backends';
import { configSchema } from '../engine/config/schema';
import { askModel } from '../engine/eval/askModel';
import type { ExperimentEvent } from '../engine/experiment/events';
import { runExperiment } from '../engine/experiment/run';
import { weightsModel } from '../engine/model/effectiveWeights';
import { skillsPrompt } from '../engine/scenarios/skills/skillsPrompt';
import { randomCheckpoint } from '../engine/testing/fixtures';
import * as tf from '../engine/tf';
import type { RunWeights } from './protocol';
import { reportWeights } from './askService';

describe('a run’s weights, sent at each evaluation', () => {
  for (const method of ['full', 'lora'] as const) {
    it(`come before each evaluation's event, and answer the fixed prompts as that evaluation's samples do (${method})`, async () => {
      await useBackend('cpu');
      const base = randomCheckpoint();
      const sent: Array<RunWeights & { eventsBefore: number }> = [];
      const events: ExperimentEvent[] = [];
      const onEvaluated = reportWeights((snapshot) => void sent.push({ ...snapshot, eventsBefore: events.length }));
      const config = configSchema.parse({ steps: 4, batchSize: 4, evalEvery: 2, lr: 3e-3, method, lora: { rank: 2 } });
      for await (const e of runExperiment(config, { backend: 'cpu', base, evalSize: 8, onEvaluated })) events.push(e);
      const evals = events.flatMap((e, i) => (e.type === 'eval' ? [{ e, i }] : []));
      expect(sent.map((s) => s.step)).toEqual(evals.map(({ e }) => e.step));
      sent.forEach((s, k) => expect(s.eventsBefore).toBe(evals[k].i));
      // The last evaluation carries samples: greedy answers to fixed prompts. The sent weights give the same answers.
      const last = evals.at(-1)!.e;
      expect(last.samples?.length).toBeGreaterThan(0);
      const before = tf.memory().numTensors;
      const model = weightsModel(base.manifest.dims, sent.at(-1)!.weights);
      for (const sample of last.samples!) {
        const [skill] = sample.prompt.split(' ');
        const choice = skillsPrompt.choices.find((c) => c.marker === skill)!;
        const prompt = skillsPrompt.encode({ skill: choice.name, symbols: sample.prompt.split(' ').slice(1, -1).join('') });
        if (!prompt.ok) throw new Error(prompt.message);
        const answer = await askModel(model, prompt.tokens, { maxNew: 20, temperature: 0, seed: 1, stopAt: skillsPrompt.stopAt });
        expect(answer.steps.map((st) => skillsPrompt.symbol(st.token)).join(' ')).toBe(sample.answer);
      }
      model.dispose();
      expect(tf.memory().numTensors).toBe(before);
    });
  }
});
