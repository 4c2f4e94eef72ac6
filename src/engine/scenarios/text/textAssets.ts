/**
 * The text scenario's corpus as a run or the base-model report needs it:
 * only the files of the request (a run without general prose mixed in never
 * reads the 2.6 MB of its training split), each checked against the
 * manifest's sha256 where the reader can hash, parsed once per reader and request.
 */
import type { AssetReader } from '../assets';
import type { TextCorpus } from './corpus';
import { parseTextCorpus, parseTextManifest, requestedFiles, TEXT_MANIFEST_FILE, type TextCorpusRequest } from './manifest';

const corpora = new WeakMap<AssetReader, Map<string, Promise<TextCorpus>>>();

/** The corpus, or the part of it a request names (null: all of it). */
export function loadTextCorpus(read: AssetReader, dir: string, request: TextCorpusRequest | null): Promise<TextCorpus> {
  let byRequest = corpora.get(read);
  if (!byRequest) corpora.set(read, (byRequest = new Map()));
  const key = `${dir}|${JSON.stringify(request)}`;
  let corpus = byRequest.get(key);
  if (!corpus) {
    corpus = (async () => {
      const manifestData = await read.json(`${dir}${TEXT_MANIFEST_FILE}`);
      const manifest = parseTextManifest(manifestData);
      const sha = new Map([...manifest.sources.flatMap((s) => [s.train, s.heldOut]), manifest.words].map((f) => [f.path, f.sha256]));
      const paths = requestedFiles(manifest, request ?? undefined);
      const texts = await Promise.all(paths.map((path) => read.text(`${dir}${path}`, sha.get(path))));
      return parseTextCorpus(manifestData, Object.fromEntries(paths.map((p, i) => [p, texts[i]])), request ?? undefined);
    })();
    byRequest.set(key, corpus);
    corpus.catch(() => byRequest.delete(key));
  }
  return corpus;
}
