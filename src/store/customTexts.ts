/**
 * Texts of one's own on the page: added through a small worker of their own
 * (worker/customTextWorker.ts reads, checks, splits, hashes and stores them
 * in IndexedDB by sha256), listed by their summaries, and read back whole only
 * to write a run file or import one.
 */
import * as Comlink from 'comlink';
import { createStore, get, set } from 'idb-keyval';
import { create } from 'zustand';
import { CUSTOM_DOMAIN, CUSTOM_EXAMPLE, CustomTextError, describeChanges, sha256Hex, type CustomTextSummary } from '../engine/scenarios/text/customText';
import { DOMAIN_URL_PARAM, resolveDomainUrl } from '../share/domainUrl';
import { useConfigStore } from './configStore';
import { useNoticeStore } from './noticeStore';
import { customTextKey, storedCustomTextSchema, type StoredCustomText } from '../engine/scenarios/text/customTextStorage';
import type { CustomTextWorkerApi } from '../worker/customTextWorker';
import type { ExperimentConfig } from '../engine/config/schema';
import { customTextHashes, type RunFileText } from '../share/runFile';

interface CustomTextsState {
  /** What this session learned of each text, by sha256. */
  summaries: Record<string, CustomTextSummary>;
  remember: (summary: CustomTextSummary) => void;
}

export const useCustomTexts = create<CustomTextsState>((set) => ({
  summaries: {},
  remember: (summary) => set((s) => ({ summaries: { ...s.summaries, [summary.sha256]: summary } })),
}));

let worker: CustomTextWorkerApi | null = null;

function textWorker(): CustomTextWorkerApi {
  worker ??= Comlink.wrap<CustomTextWorkerApi>(new Worker(new URL('../worker/customTextWorker.ts', import.meta.url), { type: 'module', name: 'forgetting-lab-texts' })) as unknown as CustomTextWorkerApi;
  return worker;
}

/** Adds a pasted text or a file's bytes; a CustomTextError's message says what is wrong, and nothing is stored. */
export async function addCustomText(input: string | ArrayBuffer, name: string): Promise<CustomTextSummary> {
  // A file's bytes are handed over, not copied: the page has no further use for them.
  const summary = await textWorker().add(typeof input === 'string' ? input : Comlink.transfer(input, [input]), name);
  useCustomTexts.getState().remember(summary);
  return summary;
}

const kv = () => createStore('forgetting-lab', 'kv');

/** A stored text by hash, or null where this browser has none. */
export async function storedCustomText(sha256: string): Promise<StoredCustomText | null> {
  const parsed = storedCustomTextSchema.safeParse(await get(customTextKey(sha256), kv()));
  return parsed.success ? parsed.data : null;
}

/** Keeps a text that came in a run file, after checking it is the one its hash names. */
export async function keepCustomText(entry: { sha256: string; name: string; text: string }): Promise<void> {
  const actual = await sha256Hex(entry.text);
  if (actual !== entry.sha256) throw new CustomTextError(`the text '${entry.name}' in this file has sha256 ${actual.slice(0, 12)}…, not the ${entry.sha256.slice(0, 12)}… it is filed under`);
  if (await storedCustomText(entry.sha256)) return;
  await set(customTextKey(entry.sha256), { ...entry, storedAt: Date.now() } satisfies StoredCustomText, kv());
}

/** The texts of one's own these runs trained on, as this browser holds them, for a run file (a text it lacks is left out; the file's runs still name it by hash). */
export async function textsForRuns(runs: readonly { config: ExperimentConfig }[]): Promise<RunFileText[]> {
  const stored = await Promise.all(customTextHashes(runs).map(storedCustomText));
  return stored.filter((t): t is StoredCustomText => t !== null).map(({ sha256, name, text }) => ({ sha256, name, text }));
}


/** Reads the built-in example like a chosen file. */
export async function addExampleText(): Promise<CustomTextSummary> {
  const response = await fetch(new URL(CUSTOM_EXAMPLE.path, document.baseURI));
  if (!response.ok) throw new Error(`the example could not be loaded (HTTP ${response.status})`);
  return addCustomText(await response.arrayBuffer(), CUSTOM_EXAMPLE.name);
}

/**
 * The config names domain=custom but no text yet (a lesson step on one's own
 * text): the text added last in this session, or else the built-in example,
 * said in a notice so the participant knows what the run trains on.
 */
export async function chooseTextIfNone(): Promise<void> {
  const { config } = useConfigStore.getState();
  if (config.domain !== CUSTOM_DOMAIN || config.domainHash) return;
  const notify = useNoticeStore.getState().notify;
  const latest = Object.values(useCustomTexts.getState().summaries).at(-1);
  try {
    const summary = latest ?? (await addExampleText());
    // Chosen meanwhile (pasted while the example loaded): theirs stays.
    if (useConfigStore.getState().config.domainHash) return;
    chooseCustomText(summary);
    notify(
      latest
        ? `This run trains on your text ${summary.name}, the one you gave last. Paste or drop another to train on it instead.`
        : `No text of your own yet: this run trains on the built-in example, ${summary.name} (${CUSTOM_EXAMPLE.label}). Paste or drop yours to train on it instead.`,
      'info',
    );
  } catch (err) {
    notify(`The example text was not loaded: ${(err as Error).message}. Paste or drop a text of your own.`, 'error');
  }
}

/** Points the config at a text added here: domain=custom, named by its hash and name. */
export function chooseCustomText(summary: CustomTextSummary): void {
  const { config, replace, preset } = useConfigStore.getState();
  replace({ ...config, domain: CUSTOM_DOMAIN, domainHash: summary.sha256, domainName: summary.name }, [], preset);
}

/**
 * An instructor's link naming a text of the site's own (`domainUrl=data/…`):
 * fetched, read like a chosen file, and made the domain; a failure is said
 * by name and changes nothing.
 */
export async function openDomainUrl(href: string): Promise<void> {
  const value = new URL(href).searchParams.get(DOMAIN_URL_PARAM);
  if (value === null) return;
  const notify = useNoticeStore.getState().notify;
  const resolved = resolveDomainUrl(value, href);
  if ('error' in resolved) {
    notify(`This link's text was not loaded: ${resolved.error}.`, 'error');
    return;
  }
  try {
    const response = await fetch(resolved.url);
    if (!response.ok) throw new Error(`${value} could not be loaded (HTTP ${response.status})`);
    const summary = await addCustomText(await response.arrayBuffer(), resolved.name);
    chooseCustomText(summary);
    notify(`This link trains on its own text, ${summary.name}: ${describeChanges(summary.changes)}`, 'info');
  } catch (err) {
    notify(`This link's text was not loaded: ${(err as Error).message}. The settings are otherwise as the link set them.`, 'error');
  }
}

/**
 * Shared or imported runs that trained on a text this browser lacks: their
 * curves come from the link or file, and a re-run needs the text; say which.
 */
export async function noteMissingTexts(runs: readonly { config: ExperimentConfig }[]): Promise<void> {
  const missing: string[] = [];
  for (const hash of customTextHashes(runs)) {
    if (await storedCustomText(hash)) continue;
    const name = runs.find((r) => r.config.domainHash === hash)?.config.domainName || 'a text of their own';
    missing.push(`'${name}' (sha256 ${hash.slice(0, 12)}…)`);
  }
  if (missing.length) {
    useNoticeStore
      .getState()
      .notify(`Some of these runs trained on ${missing.join(', ')}, which this browser does not have. Their curves are shown; to re-run one, choose that same file under Domain: your own text, or import the run file that holds it.`, 'warning');
  }
}
