import { describe, expect, it } from 'vitest';
import { Rng } from '../../data/rng';
import {
  assembleSource,
  heldOutStart,
  heldOutWindows,
  packWindows,
  planMix,
  sampleMix,
  sampleWindows,
  splitSource,
  TextCorpusError,
  type TextSource,
  type TextWindow,
} from './corpus';
import { decodeText, normalizeText } from './textVocab';

/** A document of `words` numbered words, `perLine` a line: every position's text is unique, so a window shows where it came from. */
function numberedDocument(tag: string, words: number, perLine = 8): string {
  const lines: string[] = [];
  for (let i = 0; i < words; i += perLine) {
    lines.push(Array.from({ length: Math.min(perLine, words - i) }, (_, k) => `${tag}${i + k}`).join(' '));
  }
  return normalizeText(`${lines.join('\n')}\n`);
}

const texts = [
  { name: 'd1', text: numberedDocument('a', 400) },
  { name: 'd2', text: numberedDocument('b', 150) },
  { name: 'd3', text: numberedDocument('c', 900) },
];
const source = splitSource({ name: 'prose', kind: 'general', description: 'numbered words' }, texts);
const other = splitSource({ name: 'code', kind: 'domain', description: 'numbered words' }, [{ name: 'e1', text: numberedDocument('x', 500), files: ['x.js', 'y.js'] }]);

/** The window's text, found again from its document and origin. */
function checkWindow(w: TextWindow, from: TextSource, part: 'train' | 'heldOut', size: number) {
  const doc = from.documents[w.document];
  const docText = (from === source ? texts : [{ text: numberedDocument('x', 500) }])[w.document].text;
  expect(w.symbols.length).toBe(size);
  expect(decodeText(w.symbols)).toBe(docText.slice(w.origin, w.origin + size));
  if (part === 'train') expect(w.origin + size).toBeLessThanOrEqual(doc.split);
  else expect(w.origin).toBeGreaterThanOrEqual(doc.split);
}

describe('splitting a source', () => {
  it('holds out the last 5% of each document from its first whole word there', () => {
    const text = 'one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty\n';
    const at = heldOutStart(text);
    expect(at).toBeGreaterThanOrEqual(Math.floor(text.length * 0.95));
    expect(text.slice(at)).toBe('twenty\n');
    expect(heldOutStart('ab cd', 0.5)).toBe(3);
    expect(heldOutStart('a few words, then onelongwordattheend\n')).toBe(36); // no word starts in the last 5%: cut there
  });

  it('cuts every document, and the splits are the documents’ parts in order', () => {
    texts.forEach(({ text }, i) => {
      const doc = source.documents[i];
      expect(doc.chars).toBe(text.length);
      expect(doc.split).toBe(heldOutStart(text));
      expect((text.length - doc.split) / text.length).toBeGreaterThan(0.04);
      expect((text.length - doc.split) / text.length).toBeLessThanOrEqual(0.05 + 10 / text.length);
    });
    expect(source.train!.text).toBe(texts.map((t, i) => t.text.slice(0, source.documents[i].split)).join(''));
    expect(source.heldOut!.text).toBe(texts.map((t, i) => t.text.slice(source.documents[i].split)).join(''));
    expect(decodeText(source.train!.symbols)).toBe(source.train!.text);
    expect(source.heldOut!.spans.map((s) => s.origin)).toEqual(source.documents.map((d) => d.split));
    expect(other.documents[0].files).toEqual(['x.js', 'y.js']);
  });

  it('rebuilds the same source from its shipped texts, and refuses texts that do not fit the document table', () => {
    const again = assembleSource(source, source.documents, source.train!.text, source.heldOut!.text);
    expect(again.train!.spans).toEqual(source.train!.spans);
    expect(again.heldOut!.spans).toEqual(source.heldOut!.spans);
    expect(() => assembleSource(source, source.documents, source.train!.text.slice(1), null)).toThrow(/prose: training text has \d+ characters; its documents say \d+/);
    expect(() => assembleSource(source, [{ name: 'x', chars: 10, split: 10 }], null, null)).toThrow(TextCorpusError);
    const partial = assembleSource(source, source.documents, null, source.heldOut!.text);
    expect(partial.train).toBeNull();
    expect(() => sampleWindows(partial, 1, 8, new Rng(1))).toThrow(/training split of 'prose' was not loaded/);
  });
});

describe('training windows', () => {
  it('come from training text only, whole, inside one document, and the same for the same seed', () => {
    const windows = sampleWindows(source, 500, 64, new Rng(7));
    for (const w of windows) checkWindow(w, source, 'train', 65);
    const again = sampleWindows(source, 500, 64, new Rng(7));
    expect(again.map((w) => [w.document, w.origin])).toEqual(windows.map((w) => [w.document, w.origin]));
    const different = sampleWindows(source, 500, 64, new Rng(8));
    expect(different.map((w) => w.origin)).not.toEqual(windows.map((w) => w.origin));
  });

  it('reach every document in proportion to its training text, and every position, first and last', () => {
    const size = 33;
    const windows = sampleWindows(source, 20_000, size - 1, new Rng(3));
    const counts = [0, 0, 0];
    for (const w of windows) counts[w.document]++;
    const places = source.documents.map((d) => d.split - size + 1);
    const total = places.reduce((a, b) => a + b, 0);
    counts.forEach((n, i) => expect(n / windows.length).toBeCloseTo(places[i] / total, 1));
    const origins = new Set(windows.filter((w) => w.document === 1).map((w) => w.origin));
    expect(origins.has(0)).toBe(true);
    expect(origins.has(source.documents[1].split - size)).toBe(true);
  });

  it('pool several sources by their text, and refuse a window longer than any document', () => {
    const windows = sampleWindows([source, other], 2000, 16, new Rng(2));
    const share = windows.filter((w) => w.source === 'code').length / windows.length;
    expect(share).toBeCloseTo(other.train!.text.length / (other.train!.text.length + source.train!.text.length), 1);
    expect(() => sampleWindows(other, 1, 100_000, new Rng(1))).toThrow(/no training text holds a window of 100001 symbols/);
  });
});

describe('mixing sources in a batch', () => {
  it('plans exact counts that add up, rounding like the skills sampler for two parts', () => {
    expect(planMix(16, [0.75, 0.25])).toEqual([12, 4]);
    expect(planMix(16, [0.9, 0.1])).toEqual([14, 2]);
    expect(planMix(15, [0.5, 0.5])).toEqual([7, 8]);
    expect(planMix(10, [1, 1, 1])).toEqual([3, 3, 4]);
    expect(planMix(8, [1, 0])).toEqual([8, 0]);
    expect(() => planMix(8, [0, 0])).toThrow(TextCorpusError);
    for (const mix of [0, 0.1, 0.25, 0.33, 0.5, 0.9]) {
      for (const size of [1, 7, 16, 32]) expect(planMix(size, [1 - mix, mix])[1]).toBe(Math.round(mix * size));
    }
  });

  it('samples the planned number from each part, shuffled, the same for the same seed', () => {
    const batch = sampleMix([{ sources: other, share: 0.75 }, { sources: [source], share: 0.25 }], 16, 32, new Rng(5));
    expect(batch.filter((w) => w.source === 'code')).toHaveLength(12);
    expect(batch.filter((w) => w.source === 'prose')).toHaveLength(4);
    expect(batch.map((w) => w.source)).not.toEqual([...Array(12).fill('code'), ...Array(4).fill('prose')]);
    const again = sampleMix([{ sources: other, share: 0.75 }, { sources: [source], share: 0.25 }], 16, 32, new Rng(5));
    expect(again.map((w) => [w.source, w.origin])).toEqual(batch.map((w) => [w.source, w.origin]));
  });

  it('packs windows into one id array, row by row', () => {
    const windows = sampleWindows(source, 3, 4, new Rng(1));
    const packed = packWindows(windows);
    expect(packed).toBeInstanceOf(Int32Array);
    expect([...packed]).toEqual(windows.flatMap((w) => [...w.symbols]));
  });
});

describe('held-out windows', () => {
  it('come from held-out text only, never overlap, and depend on nothing but that text', () => {
    const windows = heldOutWindows(source, 1000, 15);
    expect(windows.length).toBeGreaterThan(10);
    for (const w of windows) checkWindow(w, source, 'heldOut', 16);
    const taken = new Set<string>();
    for (const w of windows) {
      for (let k = 0; k < 16; k++) {
        const key = `${w.document}:${w.origin + k}`;
        expect(taken.has(key)).toBe(false);
        taken.add(key);
      }
    }
    const rebuilt = assembleSource(source, source.documents, null, source.heldOut!.text);
    expect(heldOutWindows(rebuilt, 1000, 15).map((w) => [w.document, w.origin])).toEqual(windows.map((w) => [w.document, w.origin]));
  });

  it('take `count` evenly spaced over every document when there are more', () => {
    const all = heldOutWindows(source, 1000, 15);
    const some = heldOutWindows(source, 6, 15);
    expect(some).toHaveLength(6);
    const picked = [0, 1, 2, 3, 4, 5].map((i) => all[Math.floor(((i + 0.5) * all.length) / 6)]);
    expect(some.map((w) => [w.document, w.origin])).toEqual(picked.map((w) => [w.document, w.origin]));
    expect(new Set(some.map((w) => w.document)).size).toBeGreaterThan(1);
    expect(heldOutWindows(source, 6, 15).map((w) => w.origin)).toEqual(some.map((w) => w.origin));
  });

  it('take another evenly spaced draw at another phase: mid-interval by default, the first of each interval at 0', () => {
    const all = heldOutWindows(source, 1000, 15);
    const place = (w: TextWindow) => all.findIndex((a) => a.origin === w.origin && a.document === w.document);
    const at = (phase: number) => heldOutWindows(source, 6, 15, phase).map(place);
    expect(at(0.5)).toEqual(heldOutWindows(source, 6, 15).map(place));
    expect(at(0)).toEqual([0, 1, 2, 3, 4, 5].map((i) => Math.floor((i * all.length) / 6)));
    const phases = [0, 0.25, 0.5, 0.75].map(at);
    for (const picks of phases) expect(new Set(picks).size).toBe(6);
    expect(new Set(phases.map((p) => p.join()))).toHaveProperty('size', 4);
  });

  it('never touch a training position: separation holds on every document', () => {
    for (const length of [7, 31, 63]) {
      for (const w of heldOutWindows([source, other], 10_000, length)) {
        const from = w.source === 'prose' ? source : other;
        expect(w.origin).toBeGreaterThanOrEqual(from.documents[w.document].split);
        expect(w.origin + length + 1).toBeLessThanOrEqual(from.documents[w.document].chars);
      }
    }
  });
});
