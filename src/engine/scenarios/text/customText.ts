/**
 * A domain of one's own (`domain=custom`): any UTF-8 text, checked, put
 * through the scenario's vocabulary (textVocab.ts normalizeText, as the
 * shipped corpus is) and split as every shipped document is (corpus.ts: the
 * last 5% held out from a word start), so its held-out windows measure task
 * gain exactly as code's and near prose's do.
 *
 * A text is known by the sha256 of its UTF-8 bytes (as given, before
 * normalising): runs, links and stores name it so, and a run refuses a text
 * whose hash is not the one its config names.
 */
import type { ExperimentConfig } from '../../config/schema';
import { HELD_OUT_FRACTION, heldOutStart, splitSource, type TextSource } from './corpus';
import { TEXT_BASE_DIMS } from './textConstants';
import { normalizeText, vocabularyChanges, type VocabularyChanges } from './textVocab';

/** The `domain` value of a text of one's own. */
export const CUSTOM_DOMAIN = 'custom';

/** Evaluation windows (of context + 1 characters) the held-out 5% must hold at least: the smallest live evaluation (liveEvalSize ≥ 4). */
const MIN_HELD_OUT_WINDOWS = 4;
const WINDOW = TEXT_BASE_DIMS.context + 1;

/** The shortest text accepted: its held-out 5% holds 4 windows of 129 characters (10,320). */
export const CUSTOM_MIN_CHARS = Math.ceil((MIN_HELD_OUT_WINDOWS * WINDOW) / HELD_OUT_FRACTION);
/** The largest file accepted, in bytes (8 MiB: a long novel; the issue asks for at least 5 MB). */
export const CUSTOM_MAX_BYTES = 8 * 1024 * 1024;
/** Longest name kept for a text (a file's name, or what the paste box calls it). */
const MAX_NAME = 80;

/**
 * Web Crypto and the text codecs: in every place the engine runs (page,
 * worker, Node 20), though its type-check has neither DOM nor Node types.
 */
interface WebPlatform {
  crypto: { subtle: { digest(algorithm: 'SHA-256', data: Uint8Array): Promise<ArrayBuffer> } };
  TextEncoder: new () => { encode(text: string): Uint8Array };
  TextDecoder: new (label: 'utf-8', options: { fatal: boolean }) => { decode(bytes: Uint8Array): string };
}
const web = globalThis as unknown as WebPlatform;
const utf8 = (text: string) => new web.TextEncoder().encode(text);

export class CustomTextError extends Error {
  override name = 'CustomTextError';
}

export interface CustomText {
  name: string;
  /** The text as given (decoded from UTF-8, a byte-order mark dropped). */
  text: string;
  /** sha256 of the text's UTF-8 bytes, in hex. */
  sha256: string;
  changes: VocabularyChanges;
  /** Characters of the normalised text in the training split and in the held-out split. */
  trainChars: number;
  heldOutChars: number;
}

/** What the page keeps of a text it was given: everything but the text itself. */
export interface CustomTextSummary {
  name: string;
  sha256: string;
  /** Characters of the text as given. */
  chars: number;
  changes: VocabularyChanges;
  trainChars: number;
  heldOutChars: number;
  /** Whether this browser held the same text already (stored once by hash). */
  storedBefore?: boolean;
  /** How long reading, checking, splitting and hashing it took, in the worker (storing it not counted). */
  ms?: number;
}

export function summarizeCustomText({ name, sha256, text, changes, trainChars, heldOutChars }: CustomText): CustomTextSummary {
  return { name, sha256, chars: text.length, changes, trainChars, heldOutChars };
}

/** sha256 of a string's UTF-8 bytes (or of bytes), in hex (Web Crypto: the page, the worker and Node alike). */
export async function sha256Hex(text: string | Uint8Array): Promise<string> {
  const digest = await web.crypto.subtle.digest('SHA-256', typeof text === 'string' ? utf8(text) : text);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

const formatInt = (n: number) => n.toLocaleString('en-US');
const formatMb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

/** Control bytes that text files do not hold (all below 32 but tab, newline, form feed and carriage return). */
function looksBinary(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, 8192);
  let control = 0;
  for (const b of head) {
    if (b === 0) return true;
    if (b < 32 && b !== 9 && b !== 10 && b !== 12 && b !== 13) control++;
  }
  return control > head.length * 0.01;
}

function decode(bytes: Uint8Array, name: string): string {
  if (looksBinary(bytes)) throw new CustomTextError(`${name} looks like a binary file, not text: choose a text file (.txt, .md, .js, .py, .csv, …)`);
  try {
    return new web.TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new CustomTextError(`${name} is not UTF-8 text: save it as UTF-8 and try again`);
  }
}

/** The name a text is shown by: its file's name, or "pasted text". */
function cleanName(name: string): string {
  const clean = Array.from(name, (c) => (c.charCodeAt(0) < 32 || c.charCodeAt(0) === 127 ? ' ' : c))
    .join('')
    .trim();
  return clean === '' ? 'pasted text' : clean.length > MAX_NAME ? `${clean.slice(0, MAX_NAME - 1)}…` : clean;
}

/**
 * A text checked and measured: refused by name (CustomTextError) when empty,
 * binary, not UTF-8, longer than CUSTOM_MAX_BYTES or too short to hold out
 * its evaluation windows.
 */
export async function readCustomText(input: string | ArrayBuffer | Uint8Array, givenName: string): Promise<CustomText> {
  const name = cleanName(givenName);
  let text: string;
  if (typeof input === 'string') {
    text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  } else {
    const bytes = input instanceof Uint8Array ? input : new Uint8Array(input);
    if (bytes.length > CUSTOM_MAX_BYTES) throw new CustomTextError(`${name} is ${formatMb(bytes.length)}; the most a text may be is ${formatMb(CUSTOM_MAX_BYTES)}`);
    text = decode(bytes, name);
  }
  if (text.trim() === '') throw new CustomTextError(`${name} is empty: paste or choose some text`);
  const encoded = utf8(text);
  if (encoded.length > CUSTOM_MAX_BYTES) throw new CustomTextError(`${name} is ${formatMb(encoded.length)}; the most a text may be is ${formatMb(CUSTOM_MAX_BYTES)}`);
  // Where customSource will split it (the run splits it again, in the lab worker): the same rule, without encoding it here.
  const normal = normalizeText(text);
  const trainChars = heldOutStart(normal);
  const heldOutChars = normal.length - trainChars;
  if (text.length < CUSTOM_MIN_CHARS || heldOutChars < MIN_HELD_OUT_WINDOWS * WINDOW) {
    throw new CustomTextError(
      `${name} has ${formatInt(text.length)} characters; a text needs at least ${formatInt(CUSTOM_MIN_CHARS)} ` +
        `(its last ${HELD_OUT_FRACTION * 100}% is held out to measure what the model learns, and must hold ${MIN_HELD_OUT_WINDOWS} windows of ${WINDOW} characters)`,
    );
  }
  return { name, text, sha256: await sha256Hex(encoded), changes: vocabularyChanges(text), trainChars, heldOutChars };
}

/** The text as a domain source of the corpus: one document, normalised, its last 5% held out. */
export function customSource(text: string, name: string): TextSource {
  return splitSource({ name: CUSTOM_DOMAIN, kind: 'domain', description: `your own text: ${name}` }, [{ name, text: normalizeText(text) }]);
}

/** What the vocabulary did to a text, in a sentence: "4.1% of characters are outside the model's alphabet and were replaced; …". */
export function describeChanges({ characters, lowered, replaced }: VocabularyChanges): string {
  const share = (n: number) => {
    const pct = (100 * n) / Math.max(1, characters);
    return n === 0 ? '0%' : pct < 0.1 ? 'under 0.1%' : `${pct.toFixed(1)}%`;
  };
  const outside =
    replaced === 0
      ? 'Every character is in the model’s alphabet'
      : `${share(replaced)} of characters (${formatInt(replaced)}) are outside the model’s alphabet and were replaced by spaces`;
  const caps = lowered === 0 ? '' : `; ${share(lowered)} were capitals, lower-cased`;
  return `${outside}${caps}.`;
}

/**
 * A strategy preset applied while training on a text of one's own keeps that
 * text (the lever changes, not the data), unless the preset names a domain of
 * its own (text-near) or another scenario.
 */
export function keepOwnText(current: ExperimentConfig, target: ExperimentConfig, presetSettings: Readonly<Record<string, unknown>>): ExperimentConfig {
  if (current.domain !== CUSTOM_DOMAIN || target.scenario !== current.scenario || 'domain' in presetSettings) return target;
  return { ...target, domain: current.domain, domainHash: current.domainHash, domainName: current.domainName };
}

/** The built-in example, for those who bring no text (scripts/buildCustomExample.ts writes it under public/). */
export const CUSTOM_EXAMPLE = { path: 'data/custom/gyp-python.txt', name: 'gyp-python.txt', label: 'Python: four modules of gyp (node-gyp, BSD licence)' };
