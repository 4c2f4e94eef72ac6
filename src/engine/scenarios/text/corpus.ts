/**
 * The text scenario's corpus: named sources of normalised text, each cut into
 * a training split and a held-out split, and the windows drawn from them.
 *
 * A source is a list of documents (a Brown Corpus file, or a run of whole
 * JavaScript files). The last 5% of every document is held out, from the
 * first word that starts there, so the split is by position, deterministic,
 * and spread over every document rather than a few whole ones. A window never
 * crosses from one document into the next.
 */
import type { Rng } from '../../data/rng';
import { encodeText } from './textVocab';

export const HELD_OUT_FRACTION = 0.05;

/** general: the prose the base model learns and should keep; domain: what continual pre-training adds. */
export type SourceKind = 'general' | 'domain';

export interface TextDocument {
  name: string;
  /** Length of the document's normalised text. */
  chars: number;
  /** Where its held-out part starts: [0, split) trains, [split, chars) is held out. */
  split: number;
  /** The source files it was built from, when it is not one file of its own. */
  files?: readonly string[];
}

/** One document's part of a split: [start, end) in the split's text, which is [origin, origin + end − start) in the document. */
interface DocumentSpan {
  document: number;
  start: number;
  end: number;
  origin: number;
}

interface TextSplit {
  text: string;
  symbols: Uint8Array;
  spans: readonly DocumentSpan[];
}

export interface TextSource {
  name: string;
  kind: SourceKind;
  description: string;
  documents: readonly TextDocument[];
  /** null when it was not loaded (manifest.ts TextCorpusRequest). */
  train: TextSplit | null;
  heldOut: TextSplit | null;
}

export interface TextCorpus {
  sources: readonly TextSource[];
  /** Words of the general-prose training split seen often enough to count as real (realWords.ts); null when not loaded. */
  words: ReadonlySet<string> | null;
}

/** A window of `length + 1` symbols: the model reads the first `length` and predicts the last `length`. */
export interface TextWindow {
  source: string;
  document: number;
  /** Position of the window's first symbol in its document. */
  origin: number;
  /** A view into the split's symbols, not a copy. */
  symbols: Uint8Array;
}

export class TextCorpusError extends Error {
  override name = 'TextCorpusError';
}

/**
 * Where a document's held-out part starts: at the first word start at or
 * after `1 − fraction` of its length (or right there, mid-word, when no word
 * starts after it).
 */
export function heldOutStart(text: string, fraction = HELD_OUT_FRACTION): number {
  const mark = Math.floor(text.length * (1 - fraction));
  for (let at = mark; at < text.length; at++) {
    if (isSpace(text[at - 1]) && !isSpace(text[at])) return at;
  }
  return mark;
}

const isSpace = (c: string | undefined) => c === ' ' || c === '\n';

/** Every document must keep some text on both sides of its split. */
function checkSplits(source: string, documents: readonly TextDocument[]): void {
  for (const doc of documents) {
    if (!(doc.split > 0 && doc.split < doc.chars)) throw new TextCorpusError(`${source}: document ${doc.name} splits at ${doc.split}, outside (0, ${doc.chars})`);
  }
}

/** The spans of a split made by concatenating each document's [from, to) part. */
function splitSpans(documents: readonly TextDocument[], part: 'train' | 'heldOut'): DocumentSpan[] {
  const spans: DocumentSpan[] = [];
  let start = 0;
  documents.forEach((doc, document) => {
    const origin = part === 'train' ? 0 : doc.split;
    const length = part === 'train' ? doc.split : doc.chars - doc.split;
    spans.push({ document, start, end: start + length, origin });
    start += length;
  });
  return spans;
}

type SourceMeta = Pick<TextSource, 'name' | 'kind' | 'description'>;

/** Just the naming fields, whatever else the caller's object holds. */
const sourceMeta = ({ name, kind, description }: SourceMeta): SourceMeta => ({ name, kind, description });

function makeSplit(text: string, spans: DocumentSpan[]): TextSplit {
  return { text, symbols: encodeText(text), spans };
}

/** A source from its documents' normalised texts: the build's way in. */
export function splitSource(
  meta: SourceMeta,
  texts: readonly { name: string; text: string; files?: readonly string[] }[],
): TextSource {
  const documents = texts.map(({ name, text, files }): TextDocument => ({ name, chars: text.length, split: heldOutStart(text), ...(files ? { files } : {}) }));
  checkSplits(meta.name, documents);
  const train = texts.map((t, i) => t.text.slice(0, documents[i].split)).join('');
  const heldOut = texts.map((t, i) => t.text.slice(documents[i].split)).join('');
  return { ...sourceMeta(meta), documents, train: makeSplit(train, splitSpans(documents, 'train')), heldOut: makeSplit(heldOut, splitSpans(documents, 'heldOut')) };
}

/**
 * A source from its shipped split texts (null for one not loaded) and its
 * document table: the loader's way in. Throws if they disagree.
 */
export function assembleSource(
  meta: SourceMeta,
  documents: readonly TextDocument[],
  train: string | null,
  heldOut: string | null,
): TextSource {
  checkSplits(meta.name, documents);
  const split = (text: string | null, part: 'train' | 'heldOut') => {
    if (text === null) return null;
    const spans = splitSpans(documents, part);
    const chars = spans.at(-1)?.end ?? 0;
    if (text.length !== chars) throw new TextCorpusError(`${meta.name}: ${PART_NAMES[part]} text has ${text.length} characters; its documents say ${chars}`);
    return makeSplit(text, spans);
  };
  return { ...sourceMeta(meta), documents, train: split(train, 'train'), heldOut: split(heldOut, 'heldOut') };
}

const PART_NAMES = { train: 'training', heldOut: 'held-out' } as const;

export function findSource(corpus: TextCorpus, name: string): TextSource {
  const source = corpus.sources.find((s) => s.name === name);
  if (!source) throw new TextCorpusError(`no text source '${name}' (have ${corpus.sources.map((s) => s.name).join(', ')})`);
  return source;
}

export function generalSources(corpus: TextCorpus): TextSource[] {
  return corpus.sources.filter((s) => s.kind === 'general');
}

/** Every place a window of `size` symbols fits inside one document's span, as one numbered list. */
class WindowStarts {
  private readonly cumulative: number[] = [];
  readonly count: number;

  constructor(
    private readonly spans: readonly { source: TextSource; split: TextSplit; span: DocumentSpan }[],
    private readonly size: number,
  ) {
    let total = 0;
    for (const { span } of spans) {
      total += Math.max(0, span.end - span.start - size + 1);
      this.cumulative.push(total);
    }
    this.count = total;
  }

  /** The window at place `k` in [0, count). */
  window(k: number): TextWindow {
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cumulative[mid] > k) hi = mid;
      else lo = mid + 1;
    }
    const { source, split, span } = this.spans[lo];
    const offset = k - (lo > 0 ? this.cumulative[lo - 1] : 0);
    const start = span.start + offset;
    return { source: source.name, document: span.document, origin: span.origin + offset, symbols: split.symbols.subarray(start, start + this.size) };
  }
}

function spansOf(sources: TextSource | readonly TextSource[], part: 'train' | 'heldOut') {
  const list: readonly TextSource[] = Array.isArray(sources) ? sources : [sources as TextSource];
  return list.flatMap((source) => {
    const split = source[part];
    if (!split) throw new TextCorpusError(`the ${PART_NAMES[part]} split of '${source.name}' was not loaded`);
    return split.spans.map((span) => ({ source, split, span }));
  });
}

/**
 * `count` random windows of `length + 1` symbols from the training split,
 * uniform over every position where one fits; several sources are one pool
 * (so each weighs as much as its text).
 */
export function sampleWindows(sources: TextSource | readonly TextSource[], count: number, length: number, rng: Rng): TextWindow[] {
  const starts = new WindowStarts(spansOf(sources, 'train'), length + 1);
  if (starts.count === 0 && count > 0) throw new TextCorpusError(`no training text holds a window of ${length + 1} symbols`);
  return Array.from({ length: count }, () => starts.window(rng.int(0, starts.count - 1)));
}

/** One part of a training mix: a pool of sources and its share of each batch. */
export interface MixPart {
  sources: TextSource | readonly TextSource[];
  share: number;
}

/**
 * How many of `count` windows each part gets: exact counts that add up to
 * `count`, by largest remainder, ties to the later part: so two parts at
 * share `mix` give the skills sampler's round(mix × count) to the second.
 */
export function planMix(count: number, shares: readonly number[]): number[] {
  const total = shares.reduce((a, b) => a + b, 0);
  if (!(total > 0) || shares.some((s) => !(s >= 0))) throw new TextCorpusError(`mix shares must be ≥ 0 and not all 0: ${shares.join(', ')}`);
  const exact = shares.map((s) => (s / total) * count);
  const counts = exact.map(Math.floor);
  let left = count - counts.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => ({ i, rest: e - Math.floor(e) })).sort((a, b) => b.rest - a.rest || b.i - a.i);
  for (const { i } of order) {
    if (left-- <= 0) break;
    counts[i]++;
  }
  return counts;
}

/** A training batch from a mix of parts (e.g. 75% code, 25% general prose): planned counts, then shuffled together. */
export function sampleMix(parts: readonly MixPart[], count: number, length: number, rng: Rng): TextWindow[] {
  const counts = planMix(count, parts.map((p) => p.share));
  const windows = parts.flatMap((part, i) => (counts[i] > 0 ? sampleWindows(part.sources, counts[i], length, rng) : []));
  return rng.shuffle(windows);
}

/**
 * Fixed evaluation windows from the held-out split: each document's held-out
 * text is cut into back-to-back windows of `length + 1` from its start, and
 * `count` of those are taken evenly spaced (all of them if there are fewer):
 * the i-th at (i + phase) / count of the way through, mid-interval by
 * default. No seed: the same held-out text always gives the same windows, and
 * no two overlap. (Another phase is another evenly spaced draw: `lab windows`
 * measures how much a draw of 16 moves the scores.)
 */
export function heldOutWindows(sources: TextSource | readonly TextSource[], count: number, length: number, phase = 0.5): TextWindow[] {
  const size = length + 1;
  const slots: TextWindow[] = [];
  for (const { source, split, span } of spansOf(sources, 'heldOut')) {
    for (let start = span.start; start + size <= span.end; start += size) {
      slots.push({ source: source.name, document: span.document, origin: span.origin + start - span.start, symbols: split.symbols.subarray(start, start + size) });
    }
  }
  if (slots.length <= count) return slots;
  return Array.from({ length: count }, (_, i) => slots[Math.floor(((i + phase) * slots.length) / count)]);
}

/** Windows as one row-major [windows × (length + 1)] array of ids, as a tensor wants them. */
export function packWindows(windows: readonly TextWindow[]): Int32Array {
  const size = windows[0]?.symbols.length ?? 0;
  const packed = new Int32Array(windows.length * size);
  windows.forEach((w, i) => {
    if (w.symbols.length !== size) throw new TextCorpusError(`window ${i} has ${w.symbols.length} symbols, not ${size}`);
    packed.set(w.symbols, i * size);
  });
  return packed;
}
