/**
 * What the text base model can do, measured when it is written: next-character
 * accuracy and bits per character on every held-out window of every source
 * (per genre, and pooled over all general prose), and the real-word share of
 * its samples, both as runs draw them (2 prompts × 4) and over 16 times as
 * many draws (±1 point instead of ±5).
 */
import type { ModelDims } from '../../src/engine/model/dims';
import { TextEvaluator, textScore } from '../../src/engine/scenarios/text/textEvaluate';
import { TEXT_SAMPLE_SPEC, textSamples } from '../../src/engine/scenarios/text/textSamples';
import { Gpt } from '../../src/engine/model/model';
import type { TextCorpus } from '../../src/engine/scenarios/text/corpus';
import { heldOutWindows } from '../../src/engine/scenarios/text/corpus';
import type { SkillScore } from '../../src/engine/eval/score';

export interface TextBaseReport {
  /** Every held-out window of every source. */
  bySource: Record<string, SkillScore & { chars: number }>;
  /** All general prose's held-out characters together. */
  general: SkillScore & { chars: number };
  realWords: { asRunsDraw: number; manyDraws: number; samples: number; temperature: number };
  /** The first sample of each prompt, as runs draw them. */
  examples: string[];
}

/** More windows than any source holds: every held-out window. */
export const ALL_WINDOWS = 1_000_000;

export async function measureTextBase(dims: ModelDims, values: Record<string, Float32Array>, corpus: TextCorpus): Promise<TextBaseReport> {
  const model = new Gpt(dims, values);
  try {
    const evaluator = new TextEvaluator(corpus.sources, dims, ALL_WINDOWS);
    const scores = await evaluator.scores(model);
    const bySource: TextBaseReport['bySource'] = {};
    let [right, total, nats] = [0, 0, 0];
    for (const source of corpus.sources) {
      const chars = heldOutWindows(source, ALL_WINDOWS, dims.context).length * dims.context;
      const s = scores[source.name];
      bySource[source.name] = { ...s, chars };
      if (source.kind === 'general') {
        right += s.acc * chars;
        total += chars;
        nats += s.loss * chars;
      }
    }
    if (!corpus.words) throw new Error('measuring the text base model needs the word set');
    const asRunsDraw = await textSamples(model, corpus.words);
    const many = await textSamples(model, corpus.words, { ...TEXT_SAMPLE_SPEC, perPrompt: 16 * TEXT_SAMPLE_SPEC.perPrompt });
    return {
      bySource,
      general: { ...textScore(right, total, nats), chars: total },
      realWords: { asRunsDraw: asRunsDraw.realWords, manyDraws: many.realWords, samples: many.samples.length, temperature: TEXT_SAMPLE_SPEC.temperature },
      examples: TEXT_SAMPLE_SPEC.prompts.map((_, i) => asRunsDraw.samples[i * TEXT_SAMPLE_SPEC.perPrompt].prompt + asRunsDraw.samples[i * TEXT_SAMPLE_SPEC.perPrompt].answer),
    };
  } finally {
    model.dispose();
  }
}
