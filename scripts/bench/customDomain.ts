/**
 * A text of one's own as the domain, timed against the shipped domains:
 *
 * - ms/step (each run's own `summary.msPerStep`, as the page shows it) of the
 *   text preset on code, near prose and a custom text of 100 KB, the same run
 *   length, back to back and in turn (round after round), each domain's figure
 *   the median of its runs; each round starts on another domain. Every run loads through the same reader as
 *   `lab run --domain-file` (scripts/lib/domainFile.ts).
 * - reading a 5 MB file (decode, check, normalise, count the vocabulary's
 *   changes, hash: readCustomText) and splitting it (customSource), in Node;
 *   in the page both run in a worker, never on the page's thread.
 *
 * The texts are the built-in example (gyp's Python) repeated to size: a
 * training step's cost depends on the batch, not on what the text says.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { presetConfig } from '../../src/engine/config/presets';
import type { ExperimentConfig } from '../../src/engine/config/schema';
import { CUSTOM_DOMAIN, customSource, readCustomText } from '../../src/engine/scenarios/text/customText';
import { domainFileAssets, withDomainFile } from '../lib/domainFile';
import { REPO_ROOT } from '../lib/repoRoot';
import { runOnce } from '../lib/runOnce';

const EXAMPLE = join(REPO_ROOT, 'public', 'data', 'custom', 'gyp-python.txt');
const DOMAINS = ['code', 'near', CUSTOM_DOMAIN] as const;

export interface CustomDomainFigures {
  backend: string;
  /** Steps of every timed run, and how many runs per domain (one a round). */
  steps: number;
  rounds: number;
  /** The custom text's size in bytes (UTF-8). */
  customBytes: number;
  /** Median ms/step per domain. */
  msPerStep: Record<(typeof DOMAINS)[number], number>;
  /** Every run's ms/step, per domain, in the order run. */
  runs: Record<(typeof DOMAINS)[number], number[]>;
}

export interface BigTextFigures {
  bytes: number;
  /** Median of `repeats`: readCustomText (decode, check, normalise, vocabulary counts, sha256). */
  readMs: number;
  /** Median of `repeats`: customSource (normalise and split off the held-out 5%). */
  splitMs: number;
  repeats: number;
}

/** The example repeated and cut to `bytes` UTF-8 bytes (at a character's end). */
async function textOfSize(bytes: number): Promise<Uint8Array> {
  const example = await readFile(EXAMPLE);
  const out = new Uint8Array(bytes);
  for (let at = 0; at < bytes; at += example.length) out.set(example.subarray(0, Math.min(example.length, bytes - at)), at);
  // Cut at a character's start: never inside a UTF-8 sequence (the byte after the cut is no continuation byte).
  let end = bytes;
  while (end > 0 && (example[end % example.length] & 0xc0) === 0x80) end--;
  return out.subarray(0, end);
}

const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

/** ms/step of the text preset on each shipped domain and on a custom text of `customBytes`, the same run length, in turn. */
export async function timeCustomDomainSteps(backend: string, options: { steps: number; rounds: number; customBytes?: number }): Promise<CustomDomainFigures> {
  const customBytes = options.customBytes ?? 100_000;
  const text = await readCustomText(await textOfSize(customBytes), `example × ${customBytes / 1000} KB`);
  const assetsFor = domainFileAssets(text);
  const base: ExperimentConfig = { ...presetConfig('text-ignore'), steps: options.steps, evalEvery: options.steps };
  const configs = Object.fromEntries(DOMAINS.map((d) => [d, d === CUSTOM_DOMAIN ? withDomainFile(base, text) : { ...base, domain: d }])) as Record<(typeof DOMAINS)[number], ExperimentConfig>;
  // Warm-up (JIT, kernels, each domain's baseline into the session's cache), not timed.
  for (const d of DOMAINS) await runOnce({ ...configs[d], steps: 2, evalEvery: 2 }, backend, await assetsFor(configs[d]));
  const runs = { code: [], near: [], custom: [] } as Record<(typeof DOMAINS)[number], number[]>;
  for (let round = 0; round < options.rounds; round++) {
    // Each round starts on another domain, so none is always the one timed after the others.
    for (const d of DOMAINS.map((_, i) => DOMAINS[(i + round) % DOMAINS.length])) {
      const result = await runOnce(configs[d], backend, await assetsFor(configs[d]));
      if (!result.summary) throw new Error(`the ${d} run failed: ${result.error}`);
      runs[d].push(result.summary.msPerStep);
    }
  }
  const msPerStep = Object.fromEntries(DOMAINS.map((d) => [d, median(runs[d])])) as CustomDomainFigures['msPerStep'];
  return { backend, steps: options.steps, rounds: options.rounds, customBytes: new TextEncoder().encode(text.text).length, msPerStep, runs };
}

/** Reading and splitting a text of `bytes` (5 MB by default), in Node. */
export async function timeBigText(bytes = 5_000_000, repeats = 3): Promise<BigTextFigures> {
  const file = await textOfSize(bytes);
  const reads: number[] = [];
  const splits: number[] = [];
  for (let i = 0; i < repeats; i++) {
    let started = performance.now();
    const text = await readCustomText(file, 'big.txt');
    reads.push(performance.now() - started);
    started = performance.now();
    customSource(text.text, text.name);
    splits.push(performance.now() - started);
  }
  return { bytes: file.length, readMs: median(reads), splitMs: median(splits), repeats };
}

/** The figures in words: the ms/step line (when timed) and the 5 MB line (when timed). */
export function describeCustomDomain(steps: CustomDomainFigures | null, big: BigTextFigures | null): string[] {
  const out: string[] = [];
  if (steps) {
    const { code, near, custom } = steps.msPerStep;
    out.push(
      `Own text as the domain, Node ${steps.backend} (text preset, ${steps.steps}-step runs, ${steps.rounds} round(s) back to back, median ms/step): ` +
        `code ${code.toFixed(1)}, near prose ${near.toFixed(1)}, own text of ${(steps.customBytes / 1000).toFixed(0)} KB ${custom.toFixed(1)} ` +
        `(${(custom / ((code + near) / 2)).toFixed(2)}× the shipped domains' mean); the fastest run of each (the least disturbed on a busy machine): ` +
        DOMAINS.map((d) => `${d} ${Math.min(...steps.runs[d]).toFixed(1)}`).join(', '),
    );
  }
  if (big) {
    out.push(
      `Reading a ${(big.bytes / 1e6).toFixed(1)} MB text (decode, check, normalise, hash) ${big.readMs.toFixed(0)} ms + splitting it ${big.splitMs.toFixed(0)} ms = ${(big.readMs + big.splitMs).toFixed(0)} ms ` +
        `(Node, median of ${big.repeats}; in the page both run in a worker)`,
    );
  }
  return out;
}
