/**
 * The shipped text corpus (public/data/text/): its manifest, and the corpus
 * made from the manifest and the files' text, wherever they were read from
 * (the page fetches them, the command line reads them from disk).
 *
 * Each source ships as two files, its training and its held-out split, so a
 * run fetches only the parts it uses (a run with no general-prose mix needs
 * that prose's held-out split, not its training split).
 */
import { z } from 'zod';
import { assembleSource, TextCorpusError, type TextCorpus, type TextSource } from './corpus';
import { TEXT_SYMBOLS } from './textVocab';

export const TEXT_MANIFEST_FORMAT = 'forgetting-lab/text-corpus';
/** Bump when the files' layout or meaning changes (a base checkpoint records the corpus it learned from). */
export const TEXT_MANIFEST_VERSION = 1;
export const TEXT_MANIFEST_FILE = 'manifest.json';

const sha256Schema = z.string().regex(/^[0-9a-f]{64}$/, 'expected a sha256 in hex');
/** A path below the data folder: segments start with a letter or digit, so no `..` and no leading `/`. */
const pathSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*(\/[A-Za-z0-9][A-Za-z0-9._-]*)*$/, 'expected a relative path');
const count = z.number().int().min(0);

const textFileSchema = z.strictObject({
  path: pathSchema,
  chars: count,
  sha256: sha256Schema,
});

const documentSchema = z.strictObject({
  name: z.string().min(1),
  chars: z.number().int().min(2),
  split: z.number().int().min(1),
  files: z.array(z.string()).min(1).optional(),
});

const sourceSchema = z.strictObject({
  name: z.string().regex(/^[a-z][a-z0-9-]*$/, 'expected a lower-case name'),
  kind: z.enum(['general', 'domain']),
  description: z.string(),
  /** The npm packages (by name) its text came from. */
  packages: z.array(z.string()).min(1),
  train: textFileSchema,
  heldOut: textFileSchema,
  documents: z.array(documentSchema).min(1),
});

const packageSchema = z.strictObject({
  /** The name it has in package.json (an alias such as code-src-zod for zod). */
  dependency: z.string(),
  name: z.string(),
  version: z.string(),
  license: z.string(),
  licenseFile: pathSchema,
  /** What was taken from it. */
  used: z.string(),
});

const textManifestSchema = z.strictObject({
  format: z.literal(TEXT_MANIFEST_FORMAT),
  version: z.literal(TEXT_MANIFEST_VERSION),
  /** The vocabulary the text is in, in id order (textVocab.ts TEXT_SYMBOLS). */
  symbols: z.string(),
  heldOutFraction: z.number().gt(0).lt(1),
  packages: z.array(packageSchema).min(1),
  sources: z.array(sourceSchema).min(1),
  /** The real-word set (realWords.ts), one word a line, sorted. */
  words: z.strictObject({
    path: pathSchema,
    minCount: z.number().int().min(1),
    count,
    chars: count,
    sha256: sha256Schema,
  }),
  /** How the build chose what to ship, in words. */
  notes: z.array(z.string()),
});

export type TextManifest = z.infer<typeof textManifestSchema>;
type TextManifestSource = TextManifest['sources'][number];

/** Which splits of which sources to load; the word set is loaded when `words` is true. */
export interface TextCorpusRequest {
  splits: Readonly<Record<string, readonly ('train' | 'heldOut')[]>>;
  words: boolean;
}

/** The manifest, checked; a TextCorpusError names the first problem and where it is. */
export function parseTextManifest(data: unknown): TextManifest {
  const parsed = textManifestSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue.path.length ? issue.path.join('.') : 'the manifest';
    throw new TextCorpusError(`text corpus manifest is invalid at ${where}: ${issue.message}`);
  }
  const manifest = parsed.data;
  if (manifest.symbols !== TEXT_SYMBOLS) {
    throw new TextCorpusError(`text corpus manifest is for another vocabulary (${JSON.stringify(manifest.symbols)}); rebuild it with npm run lab -- data`);
  }
  const names = new Set<string>();
  for (const source of manifest.sources) {
    if (names.has(source.name)) throw new TextCorpusError(`text corpus manifest names source '${source.name}' twice`);
    names.add(source.name);
  }
  return manifest;
}

/** Every split of every source, and the word set. */
function wholeCorpusRequest(manifest: TextManifest): TextCorpusRequest {
  return { splits: Object.fromEntries(manifest.sources.map((s) => [s.name, ['train', 'heldOut'] as const])), words: true };
}

/** The file paths (relative to the manifest) a request needs. */
export function requestedFiles(manifest: TextManifest, request: TextCorpusRequest = wholeCorpusRequest(manifest)): string[] {
  const paths = Object.entries(request.splits).flatMap(([name, splits]) => splits.map((split) => manifestSource(manifest, name)[split].path));
  if (request.words) paths.push(manifest.words.path);
  return paths;
}

function manifestSource(manifest: TextManifest, name: string): TextManifestSource {
  const source = manifest.sources.find((s) => s.name === name);
  if (!source) throw new TextCorpusError(`the text corpus has no source '${name}' (it has ${manifest.sources.map((s) => s.name).join(', ')})`);
  return source;
}

function fileText(files: Readonly<Record<string, string>>, file: { path: string; chars: number }): string {
  const text = files[file.path];
  if (text === undefined) throw new TextCorpusError(`text corpus file ${file.path} was not given`);
  if (text.length !== file.chars) throw new TextCorpusError(`text corpus file ${file.path} has ${text.length} characters; the manifest says ${file.chars}`);
  return text;
}

/**
 * The corpus from its manifest (parsed JSON) and file texts by path. Only the
 * requested splits are built; the others are null. Sources not in the
 * request are left out.
 */
export function parseTextCorpus(manifestData: unknown, files: Readonly<Record<string, string>>, request?: TextCorpusRequest): TextCorpus {
  const manifest = parseTextManifest(manifestData);
  const wanted = request ?? wholeCorpusRequest(manifest);
  const sources: TextSource[] = Object.entries(wanted.splits).map(([name, splits]) => {
    const entry = manifestSource(manifest, name);
    const meta = { name: entry.name, kind: entry.kind, description: entry.description };
    const train = splits.includes('train') ? fileText(files, entry.train) : null;
    const heldOut = splits.includes('heldOut') ? fileText(files, entry.heldOut) : null;
    return assembleSource(meta, entry.documents, train, heldOut);
  });
  let words: ReadonlySet<string> | null = null;
  if (wanted.words) {
    const list = fileText(files, manifest.words).split('\n').filter((w) => w !== '');
    if (list.length !== manifest.words.count) throw new TextCorpusError(`text corpus word list has ${list.length} words; the manifest says ${manifest.words.count}`);
    words = new Set(list);
  }
  return { sources, words };
}
