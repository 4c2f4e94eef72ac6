/**
 * A tiny text corpus and model for tests: small enough to train in seconds,
 * shaped like the shipped ones (general genres, a code and a near domain, a
 * word set). Every document ends in words found nowhere else, inside its
 * held-out part, so a test can tell if held-out text reached training.
 */
import { CHECKPOINT_FORMAT, type Checkpoint } from '../checkpoint/format';
import { Rng } from '../data/rng';
import type { ScenarioAssets } from '../scenarios/scenario';
import type { ModelDims } from '../model/dims';
import { initialValues } from '../model/params';
import { splitSource, type TextCorpus, type TextSource } from '../scenarios/text/corpus';
import { TEXT_MANIFEST_VERSION } from '../scenarios/text/manifest';
import { buildWordSet } from '../scenarios/text/realWords';
import { normalizeText, TEXT_SYMBOLS, TEXT_VOCAB_SIZE } from '../scenarios/text/textVocab';

/** The text model's shape at test size: tied head, every symbol; a context that holds the sampling prompts and a few characters. */
export const TINY_TEXT_DIMS: ModelDims = { vocabSize: TEXT_VOCAB_SIZE, context: 24, dModel: 16, nLayers: 2, nHeads: 2, dFF: 32, tiedHead: true };

const TRAIN_WORDS = ['the', 'man', 'she', 'said', 'and', 'was', 'her', 'his', 'that', 'had'];
/** The end of every document, inside its held-out part, is written in words the rest never uses. */
export const HELD_OUT_WORDS = ['quiz', 'jump', 'vex', 'kiwi', 'fjord', 'lynx'];

/** A document of `n` words drawn from `words`, lines of 8, ending in a few words of HELD_OUT_WORDS, all inside its held-out part (the last 5%). */
function documentText(words: readonly string[], n: number, rng: Rng): string {
  const pick = (from: readonly string[]) => from[rng.int(0, from.length - 1)];
  const body = Array.from({ length: n }, (_, i) => `${pick(words)}${i % 8 === 7 ? '\n' : ' '}`).join('');
  // A tail shorter than 5%: the held-out part (from the first word start in the last 5%) holds all of it.
  const tail = Array.from({ length: Math.ceil(n / 40) }, () => `${pick(HELD_OUT_WORDS)} `).join('');
  return normalizeText(`${body}${tail}\n`);
}

function source(name: string, kind: 'general' | 'domain', words: readonly string[], seed: number): TextSource {
  const rng = new Rng(seed);
  return splitSource({ name, kind, description: `test ${name}` }, [0, 1, 2].map((d) => ({ name: `${name}${d}`, text: documentText(words, 160, rng) })));
}

export function tinyTextCorpus(): TextCorpus {
  const sources = [
    source('news', 'general', TRAIN_WORDS, 1),
    source('fiction', 'general', TRAIN_WORDS, 2),
    source('near', 'domain', ['law', 'act', 'state', 'report'], 3),
    source('code', 'domain', ['{', '}', '();', 'var', 'x=1;', 'return'], 4),
  ];
  const words = buildWordSet(sources.filter((s) => s.kind === 'general').map((s) => s.train!.text));
  return { sources, words };
}

/** A randomly initialised text base model with a valid text manifest. */
export function tinyTextCheckpoint(seed = 1, dims: ModelDims = TINY_TEXT_DIMS): Checkpoint {
  return {
    manifest: {
      format: CHECKPOINT_FORMAT,
      scenario: 'text',
      dims,
      vocabulary: [...TEXT_SYMBOLS],
      suiteVersion: TEXT_MANIFEST_VERSION,
      weightsFile: 'weights.bin',
      weightSpecs: [],
      training: { note: 'random initialisation for tests' },
      accuracy: {},
      seenTokens: Array.from({ length: 40 }, (_, i) => i),
    },
    values: initialValues(dims, seed),
  };
}

export function tinyTextAssets(seed = 1): ScenarioAssets {
  return { base: tinyTextCheckpoint(seed), corpus: tinyTextCorpus(), evalSize: 6 };
}
