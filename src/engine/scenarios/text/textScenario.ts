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
import { baseReportRequest, TEXT_DOMAIN_CHOICES, TEXT_EVAL_WINDOWS, textCorpusRequest } from './textConstants';
import { isStream, stageTasks, streamProblem } from '../../stream/stream';
import { loadCheckpoint } from '../assets';
import { loadTextCorpus } from './textAssets';
import { textDescriptor } from './textDescriptor';
import { windowBatch } from './windowBatch';
import { customSource, CustomTextError, sha256Hex } from './customText';
import type { AssetReader } from '../assets';
import type { ExperimentConfig } from '../../config/schema';
import type { Scenario, ScenarioAssets } from '../scenario';

/** Windows of general prose for EWC's Fisher: 32 × 128 characters, each its own per-example gradient. */
const FISHER_WINDOWS = 32;

function corpusOf(assets: ScenarioAssets): TextCorpus & { words: ReadonlySet<string> } {
  const { corpus } = assets;
  if (!corpus) throw new TextCorpusError('the text scenario needs its corpus (public/data/text), and none was given');
  if (!corpus.words) throw new TextCorpusError('the text scenario needs its word set (words.txt), and it was not loaded');
  return corpus as TextCorpus & { words: ReadonlySet<string> };
}

/** The custom domain's text, read by hash, checked against it, and split: once per reader and hash. */
const customSources = new WeakMap<AssetReader, Map<string, Promise<NonNullable<ScenarioAssets['customDomain']>>>>();

function loadCustomDomain(read: AssetReader, config: ExperimentConfig): Promise<NonNullable<ScenarioAssets['customDomain']>> {
  const hash = config.domainHash;
  const label = config.domainName ? `'${config.domainName}'` : 'a text of your own';
  if (!hash) return Promise.reject(new CustomTextError('domain=custom needs a text: paste or choose one (its sha256 goes in domainHash)'));
  let byHash = customSources.get(read);
  if (!byHash) customSources.set(read, (byHash = new Map()));
  let loaded = byHash.get(hash);
  if (!loaded) {
    loaded = (async () => {
      if (!read.customText) throw new CustomTextError(`this run trains on ${label} (sha256 ${hash.slice(0, 12)}…), and there is no place here to find it`);
      let stored: { name: string; text: string };
      try {
        stored = await read.customText(hash);
      } catch (err) {
        throw new CustomTextError(`this run trains on ${label} (sha256 ${hash.slice(0, 12)}…), which is not here: add that same file (or import the run file that holds it) to run it (${(err as Error).message})`, { cause: err });
      }
      const actual = await sha256Hex(stored.text);
      if (actual !== hash) throw new CustomTextError(`the text found for ${label} has sha256 ${actual.slice(0, 12)}…, not the ${hash.slice(0, 12)}… the run names: refusing to train on another text`);
      return { source: customSource(stored.text, stored.name), sha256: hash };
    })();
    byHash.set(hash, loaded);
    const cache = byHash;
    loaded.catch(() => cache.delete(hash));
  }
  return loaded;
}

/** A domain of the run (its `domain`, or one of its stream's): a shipped source, or the text of one's own its assets carry, which must be the one its config names. */
function domainSource(name: string, config: ExperimentConfig, assets: ScenarioAssets) {
  if (name !== 'custom') return findSource(corpusOf(assets), name);
  const custom = assets.customDomain;
  if (!custom) throw new CustomTextError(`this run trains on ${config.domainName ? `'${config.domainName}'` : 'a text of your own'} (domain=custom), and no text was given`);
  if (custom.sha256 !== config.domainHash) throw new CustomTextError(`the text given has sha256 ${custom.sha256.slice(0, 12)}…, not the ${config.domainHash.slice(0, 12) || '(none)'}… the run names: refusing to train on another text`);
  return custom.source;
}

export const textScenario: Scenario = {
  async loadAssets(need, read) {
    const { model, data } = textDescriptor.assets;
    const request = 'config' in need ? textCorpusRequest(need.config) : 'baseReport' in need ? baseReportRequest() : null;
    const custom = 'config' in need && stageTasks(need.config).includes('custom') ? loadCustomDomain(read, need.config) : undefined;
    const [base, corpus, customDomain] = await Promise.all([loadCheckpoint(read, model), loadTextCorpus(read, data!, request), custom]);
    return customDomain ? { base, corpus, customDomain } : { base, corpus };
  },

  open(config, assets) {
    const { dims } = assets.base.manifest;
    const corpus = corpusOf(assets);
    const problem = streamProblem(config, TEXT_DOMAIN_CHOICES);
    if (problem) throw new Error(problem);
    // One domain, or a stream's domains in order (stream/stream.ts); a stream scores all of them at every evaluation.
    const domains = stageTasks(config).map((name) => domainSource(name, config, assets));
    let domain = domains[0];
    const general = generalSources(corpus);
    const size = assets.evalSize ?? TEXT_EVAL_WINDOWS;
    const liveSize = Math.min(config.liveEvalSize, size);
    // Made at the first evaluation: a speed trial only draws batches.
    let evaluator: TextEvaluator | null = null;
    const rng = Rng.derive(config.seed, 'data');
    const replay = isStream(config) ? config.replay : 0;
    /** The batch's sources and shares: the domain, general prose at `mix`, earlier domains at `replay` (the domain's while there are none). */
    const partsOf = (index: number) => {
      const earlier = domains.slice(0, index).flat();
      return [
        { sources: domain, share: 1 - config.mix - (earlier.length ? replay : 0) },
        { sources: general, share: config.mix },
        ...(earlier.length ? [{ sources: earlier, share: replay }] : []),
      ];
    };
    let parts = partsOf(0);
    const genres = general.map((g) => g.name);
    return {
      baselineKey: `text:${domains.map((d) => d.name).join(',')}${stageTasks(config).includes('custom') ? `:${config.domainHash}` : ''}|${size}`,
      evalSize: size,
      liveSize,
      evaluate: async (model, live) => {
        const all = await (evaluator ??= new TextEvaluator([...domains, ...general], dims, size, liveSize)).scores(model, live);
        const result = toEvalResult(all, domain.name, genres);
        return isStream(config) ? { ...result, tasks: Object.fromEntries(domains.map((d) => [d.name, all[d.name]])) } : result;
      },
      samples: (model) => textSamples(model, corpus.words),
      nextBatch: () => windowBatch(sampleMix(parts, config.batchSize, dims.context, rng)),
      stage(index) {
        domain = domains[index];
        parts = partsOf(index);
      },
      fisherBatches: () => sampleWindows(general, FISHER_WINDOWS, dims.context, Rng.derive(config.seed, 'fisher')).map((w) => windowBatch([w])),
      taskFisherBatches: (index) =>
        sampleWindows(domains[index], FISHER_WINDOWS, dims.context, Rng.derive(config.seed, `fisher:${domains[index].name}`)).map((w) => windowBatch([w])),
      dispose() {},
    };
  },

  async scoreBase(assets, options = {}) {
    const { dims } = assets.base.manifest;
    const corpus = corpusOf(assets);
    const model = options.model ?? new Gpt(dims, assets.base.values);
    try {
      const scores = await new TextEvaluator(corpus.sources, dims, options.preview ?? assets.evalSize ?? TEXT_EVAL_WINDOWS).scores(model);
      const general = generalSources(corpus).map((g) => g.name);
      if (options.samples === false) return { scores, general, samples: [] };
      const { samples, realWords } = await textSamples(model, corpus.words);
      return { scores, general, samples, realWords };
    } finally {
      if (!options.model) model.dispose();
    }
  },
};
