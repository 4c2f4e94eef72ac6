/** The shipped text corpus (public/data/text/) as the command line reads it, and the build's pieces. */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generalSources, heldOutWindows, sampleWindows } from '../../src/engine/scenarios/text/corpus';
import { buildWordSet } from '../../src/engine/scenarios/text/realWords';
import { Rng } from '../../src/engine/data/rng';
import { groupFiles, pickEvenly } from './textCorpusBuild';
import { readTextCorpus, readTextManifest, TEXT_DATA_DIR } from './textCorpusFiles';

describe('the shipped text corpus', () => {
  it('loads whole, every file matching its sha256, with general prose by genre and the two domains', async () => {
    const corpus = await readTextCorpus();
    expect(corpus.sources.map((s) => s.name)).toEqual(['news', 'fiction', 'mystery', 'adventure', 'romance', 'humor', 'belles-lettres', 'near', 'code']);
    expect(generalSources(corpus)).toHaveLength(7);
    const general = generalSources(corpus).reduce((n, s) => n + s.train!.text.length + s.heldOut!.text.length, 0);
    expect(general).toBeGreaterThan(2_600_000);
    for (const s of corpus.sources) {
      const heldOut = s.heldOut!.text.length / (s.heldOut!.text.length + s.train!.text.length);
      expect(heldOut).toBeGreaterThan(0.045);
      expect(heldOut).toBeLessThan(0.055);
    }
    // The word list is what realWords.ts makes of the general training text.
    expect(corpus.words).toEqual(buildWordSet(generalSources(corpus).map((s) => s.train!.text)));
    expect(corpus.words!.has('the')).toBe(true);
  });

  it('keeps held-out windows off training text, in every source', async () => {
    const corpus = await readTextCorpus();
    for (const source of corpus.sources) {
      const windows = heldOutWindows(source, 10_000, 128);
      expect(windows.length).toBeGreaterThan(30);
      for (const w of windows) expect(w.origin).toBeGreaterThanOrEqual(source.documents[w.document].split);
      for (const w of sampleWindows(source, 200, 128, new Rng(1))) expect(w.origin + 129).toBeLessThanOrEqual(source.documents[w.document].split);
    }
  });

  it('refuses a file that is not the one its manifest names', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'text-corpus-'));
    try {
      await cp(TEXT_DATA_DIR, dir, { recursive: true });
      const manifest = await readTextManifest(dir);
      const words = await readFile(join(dir, manifest.words.path), 'utf8');
      await writeFile(join(dir, manifest.words.path), words.replace('the\n', 'tho\n')); // same length, other words
      await expect(readTextCorpus(dir)).rejects.toThrow(/words\.txt is not the file its manifest names \(sha256 differs\)/);
      const news = { splits: { news: ['heldOut'] as const }, words: false };
      expect((await readTextCorpus(dir, news)).sources[0].heldOut!.text.length).toBe(manifest.sources[0].heldOut.chars);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('the corpus build', () => {
  it('picks evenly spaced items for a cap', () => {
    expect(pickEvenly([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], 3)).toEqual([1, 5, 8]);
    expect(pickEvenly([1, 2], 5)).toEqual([1, 2]);
  });

  it('groups whole files into documents of a minimum size, a short last run joining the one before', () => {
    const file = (path: string, chars: number) => ({ path, text: 'x'.repeat(chars - 1) + '\n' });
    const groups = groupFiles([file('a', 6), file('b', 5), file('c', 12), file('d', 3)], 10);
    expect(groups.map((g) => g.files)).toEqual([['a', 'b'], ['c', 'd']]);
    expect(groups[0].text).toBe(`${'x'.repeat(5)}\n\n${'x'.repeat(4)}\n`);
  });
});
