/**
 * The text scenario in numbers and names: the base model's shape, the
 * domains continual pre-training can move to, the fixed sampling prompts, how
 * much held-out text an evaluation reads, and which parts of the shipped
 * corpus a config needs (a run fetches only those).
 */
import type { ExperimentConfig } from '../../config/schema';
import type { ModelDims } from '../../model/dims';
import type { TextCorpusRequest } from './manifest';
import { TEXT_VOCAB_SIZE } from './textVocab';

/** The corpus's domain sources: code (far from prose) and near-domain prose (learned and government writing). */
const TEXT_DOMAINS = ['code', 'near'] as const;
/** What `domain` may name: a shipped domain, or `custom`, a text of one's own (customText.ts; `domainHash` names which). */
export const TEXT_DOMAIN_CHOICES = [...TEXT_DOMAINS, 'custom'] as const;

/** The general-prose sources (Brown genres), in the order the charts list them. */
const TEXT_GENRES = ['news', 'fiction', 'mystery', 'adventure', 'romance', 'humor', 'belles-lettres'] as const;

/**
 * The and the PyTorch prototype's model: d 64, 2 layers, 4 heads, a
 * GELU MLP of 4d, tied head, context 128 over the 70 symbols (112,838 parameters).
 */
export const TEXT_BASE_DIMS: ModelDims = { vocabSize: TEXT_VOCAB_SIZE, context: 128, dModel: 64, nLayers: 2, nHeads: 4, dFF: 256, tiedHead: true };

/** Continuations are sampled from these prompts, before and after training (each ends in a space: the first word is whole). */
export const SAMPLE_PROMPTS = ['the man ', 'she said '] as const;
/** Samples per prompt, characters per sample and the temperature they are drawn at. */
export const SAMPLES_PER_PROMPT = 4;
export const SAMPLE_CHARS = 96;
export const SAMPLE_TEMPERATURE = 0.8;
/** The sampling stream's seed: a constant, so before and after draw with the same random numbers and differ only by the model. */
export const SAMPLE_SEED = 20261127;

/**
 * Held-out windows (of context + 1 symbols) per source at the baseline and
 * the last evaluation: 16 × 128 = 2,048 predicted characters per genre and
 * for the domain. Which 16 are read moves the scores: measured over windows
 * (`npm run lab -- windows`, the base model and text-ignore seed 1), the
 * standard error of 16 windows drawn at random is 1.0–1.6 points of
 * next-character accuracy per genre, 0.5 on the mean of the seven and on
 * ignore's forgetting, and 2.6 on code's gain. Every run reads the same 16,
 * so that error is not in the spread over seeds. Live points read
 * `liveEvalSize` windows each.
 */
export const TEXT_EVAL_WINDOWS = 16;

/** The general sources' held-out splits and the domain's, the domain's training split, the general training split only when the config trains or weighs on it (mix, EWC's Fisher), and the word set. */
export function textCorpusRequest(config: Pick<ExperimentConfig, 'domain' | 'mix' | 'reg'> & Partial<Pick<ExperimentConfig, 'stream'>>): TextCorpusRequest {
  const generalNeedsTrain = config.mix > 0 || config.reg.kind === 'ewc';
  const splits: Record<string, ('train' | 'heldOut')[]> = {};
  for (const genre of TEXT_GENRES) splits[genre] = generalNeedsTrain ? ['train', 'heldOut'] : ['heldOut'];
  // A stream (stream/stream.ts) trains and scores each of its domains instead of `domain`;
  // a text of one's own is not in the shipped corpus: the host reads it by hash (textScenario.ts).
  for (const domain of config.stream?.length ? config.stream : [config.domain]) if (domain !== 'custom') splits[domain] = ['train', 'heldOut'];
  return { splits, words: true };
}

/** Every source's held-out split and the word set: what scoring the base model on every ability needs. */
export function baseReportRequest(): TextCorpusRequest {
  const splits: Record<string, ('train' | 'heldOut')[]> = {};
  for (const name of [...TEXT_GENRES, ...TEXT_DOMAINS]) splits[name] = ['heldOut'];
  return { splits, words: true };
}
