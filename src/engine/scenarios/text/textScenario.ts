/**
 * The text scenario: continual pre-training of the English character model
 * on a domain (code, or near-domain prose), every character a target, with
 * general prose mixed in at `mix`; scored per genre and on the domain.
 */
import { Rng } from '../../data/rng';
import { TextEvaluator } from './textEvaluate';
import { textSamples } from './textSamples';
import { toEvalResult } from '../../eval/score';
import { Gpt } from '../../model/model';
import { findSource, generalSources, sampleMix, sampleWindows, TextCorpusError, type TextCorpus } from './corpus';
import { baseReportRequest, TEXT_EVAL_WINDOWS, textCorpusRequest } from './textConstants';
import { loadCheckpoint } from '../assets';
import { loadTextCorpus } from './textAssets';
import { textDescriptor } from './textDescriptor';
import { windowBatch } from './windowBatch';
import type { Scenario, ScenarioAssets } from '../scenario';

/** Windows of general prose for EWC's Fisher: 32 × 128 characters, each its own per-example gradient. */
const FISHER_WINDOWS = 32;

function corpusOf(assets: ScenarioAssets): TextCorpus & { words: ReadonlySet<string> } {
  const { corpus } = assets;
  if (!corpus) throw new TextCorpusError('the text scenario needs its corpus (public/data/text), and none was given');
  if (!corpus.words) throw new TextCorpusError('the text scenario needs its word set (words.txt), and it was not loaded');
  return corpus as TextCorpus & { words: ReadonlySet<string> };
}

export const textScenario: Scenario = {
  async loadAssets(need, read) {
    const { model, data } = textDescriptor.assets;
    const request = 'config' in need ? textCorpusRequest(need.config) : 'baseReport' in need ? baseReportRequest() : null;
    const [base, corpus] = await Promise.all([loadCheckpoint(read, model), loadTextCorpus(read, data!, request)]);
    return { base, corpus };
  },

  open(config, assets) {
    const { dims } = assets.base.manifest;
    const corpus = corpusOf(assets);
    const domain = findSource(corpus, config.domain);
    const general = generalSources(corpus);
    const size = assets.evalSize ?? TEXT_EVAL_WINDOWS;
    const liveSize = Math.min(config.liveEvalSize, size);
    // Made at the first evaluation: a speed trial only draws batches.
    let evaluator: TextEvaluator | null = null;
    const rng = Rng.derive(config.seed, 'data');
    const parts = [
      { sources: domain, share: 1 - config.mix },
      { sources: general, share: config.mix },
    ];
    const genres = general.map((g) => g.name);
    return {
      baselineKey: `text:${domain.name}|${size}`,
      evalSize: size,
      liveSize,
      evaluate: async (model, live) => toEvalResult(await (evaluator ??= new TextEvaluator([domain, ...general], dims, size, liveSize)).scores(model, live), domain.name, genres),
      samples: (model) => textSamples(model, corpus.words),
      nextBatch: () => windowBatch(sampleMix(parts, config.batchSize, dims.context, rng)),
      fisherBatches: () => sampleWindows(general, FISHER_WINDOWS, dims.context, Rng.derive(config.seed, 'fisher')).map((w) => windowBatch([w])),
      dispose() {},
    };
  },

  async scoreBase(assets, options = {}) {
    const { dims } = assets.base.manifest;
    const corpus = corpusOf(assets);
    const model = options.model ?? new Gpt(dims, assets.base.values);
    try {
      const scores = await new TextEvaluator(corpus.sources, dims, assets.evalSize ?? TEXT_EVAL_WINDOWS).scores(model);
      const general = generalSources(corpus).map((g) => g.name);
      if (options.samples === false) return { scores, general, samples: [] };
      const { samples, realWords } = await textSamples(model, corpus.words);
      return { scores, general, samples, realWords };
    } finally {
      if (!options.model) model.dispose();
    }
  },
};
