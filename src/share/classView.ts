/**
 * The class view's data: many participants' finished runs, gathered from
 * results links and exported run files, with duplicates merged and every
 * unreadable link, file or run named with its reason. Pure: links are read
 * by share/link.ts, runs by share/results.ts and share/runFile.ts; nothing here
 * parses a link itself.
 *
 * Duplicates: two copies of one run (the same link pasted twice, or a run in a
 * link and in a file) have the same fingerprint, its shared form without the
 * name: settings, backend, every evaluation's scores, drift and summary. The
 * summary's wall time (msPerStep) makes two separate runs of one config differ,
 * so two participants who ran the same settings keep a run each.
 */
import type { ExperimentConfig } from '../engine/config/schema';
import type { ScenarioName } from '../engine/scenarios/names';
import type { ExperimentEvent, RunSummary } from '../engine/experiment/events';
import { challengeKey, type Challenge } from './challenge';
import { bestRun, checkRun } from './challengeCheck';
import { decodeLink } from './link';
import { fromSharedRun, toSharedRun } from './results';
import { runsFromJson } from './runFile';
import { fnv1a } from './hash';
import { CLASS_SWEEP_PARAM, classSweepRuns, type ClassSweep } from './classSweep';

export interface ClassRun {
  /** Short id, stable for a run (charts, table rows). */
  id: string;
  /** Whose run: the participant named by the first source that held it. */
  participant: string;
  name: string;
  config: ExperimentConfig;
  backend: string;
  events: ExperimentEvent[];
  summary: RunSummary;
  /** The challenges (challengeKey) it was shared under. */
  challengeKeys: string[];
  /** The sources that held it; more than one for a merged duplicate. */
  sources: string[];
}

export interface ClassSource {
  /** 'link 3' or the file's name. */
  label: string;
  kind: 'link' | 'file';
  participant: string | null;
  challengeTitle: string | null;
  /** Runs read from it; `duplicates` of them were in the class view already and were merged. */
  runs: number;
  duplicates: number;
  /** Parts left out (a run that did not finish, a challenge that could not be read), each with its reason. */
  skipped: string[];
  /** Why nothing at all was read from it. */
  error?: string;
  /** For a class sweep link: what it set up ('mix sweep · LoRA: 12 runs in 4 slots'). */
  classSweep?: string;
}

export interface ClassView {
  sources: ClassSource[];
  runs: ClassRun[];
  /** Every challenge the sources carried, by challengeKey, in the order first seen. */
  challenges: Array<{ key: string; challenge: Challenge }>;
  /** Fingerprint of each run, for merging later sources. */
  fingerprints: Record<string, string>;
  /** Links read so far: the next is numbered one higher. */
  linkCount: number;
  /** The class sweep whose grid the runs fill (share/classSweepMerge.ts): the newest class sweep link added, or the one made here. */
  sweep: ClassSweep | null;
}

export function emptyClassView(): ClassView {
  return { sources: [], runs: [], challenges: [], fingerprints: {}, linkCount: 0, sweep: null };
}

/** A finished run read from a source, before merging. */
interface RunInput {
  name: string;
  config: ExperimentConfig;
  backend: string;
  events: ExperimentEvent[];
}

/** What one link or file gave, before merging. */
interface SourceRead {
  source: Omit<ClassSource, 'runs' | 'duplicates'>;
  challenge: Challenge | null;
  runs: RunInput[];
  /** A class sweep link's sweep: it becomes the class view's. */
  sweep?: ClassSweep;
}

/** JSON with object keys sorted, so equal data always gives equal text. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The run as a results link would carry it, less its name: equal for every copy of one run. */
function runFingerprint(run: RunInput): string | null {
  const shared = toSharedRun({ ...run, name: '' });
  if (!shared) return null;
  const { name: _name, ...rest } = shared;
  return canonical(rest);
}

/** A short id for a fingerprint. */
const shortHash = (text: string) => fnv1a(text).toString(36);

const clip = (text: string, max = 60) => (text.length > max ? `${text.slice(0, max)}…` : text);

/**
 * The links in pasted text: every whitespace-separated word with a '?' or
 * '#r=' in it (results links carry their runs in the fragment, older ones in
 * the query; chat apps add names and punctuation around links). A line with text but no
 * link is reported, so a mangled link is never dropped without a word.
 */
export function findLinks(text: string): { links: string[]; problems: string[] } {
  const links: string[] = [];
  const problems: string[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    const words = line
      .split(/\s+/)
      .map((w) => w.replace(/^[<(["']+/, '').replace(/[>)\]"',.;:!]+$/, ''))
      .filter((w) => w.includes('?') || w.includes('#r='));
    if (words.length) links.push(...words);
    else if (line.trim()) problems.push(`line ${i + 1} ('${clip(line.trim(), 40)}') holds no link`);
  });
  return { links, problems };
}

/** A results link's runs, participant and challenge. */
function readLink(href: string, label: string): SourceRead {
  const state = decodeLink(href);
  const base = { label, kind: 'link' as const, participant: state.participant, challengeTitle: state.challenge?.title ?? null, skipped: [] as string[] };
  const rError = state.errors.find((e) => e.key === 'r' || e.key === '(link)');
  if (rError) return { source: { ...base, error: `${rError.key === 'r' ? 'its results' : 'it'}: ${rError.message}` }, challenge: null, runs: [] };
  if (state.classSweepErrors.some((e) => e.key === CLASS_SWEEP_PARAM)) {
    return { source: { ...base, error: `its class sweep: ${state.classSweepErrors.map((e) => e.message).join('; ')}` }, challenge: null, runs: [] };
  }
  if (state.classSweep && !state.results.length) {
    const sweep = state.classSweep;
    const runs = classSweepRuns(sweep).runs.length;
    return { source: { ...base, classSweep: `“${sweep.name}”: ${runs} run(s) in ${sweep.slots} slot(s)` }, challenge: null, runs: [], sweep };
  }
  if (!state.results.length) return { source: { ...base, error: 'it holds no results (no #r=…): an experiment link, not a results link' }, challenge: null, runs: [] };
  if (state.challengeErrors.length) {
    base.skipped.push(`its challenge could not be read (${state.challengeErrors.map((e) => `${e.key}: ${e.message}`).join('; ')}), so its runs count for no challenge`);
  }
  const runs: RunInput[] = [];
  state.results.forEach((shared, i) => {
    const back = fromSharedRun(shared);
    // A run whose settings could not all be read would be shown with the defaults in their place: left out instead.
    if (back.errors.length) base.skipped.push(`run ${i + 1} ('${clip(shared.name, 40)}'): ${back.errors.join('; ')}`);
    else runs.push({ name: shared.name, config: back.config, backend: shared.backend, events: back.events });
  });
  return { source: base, challenge: state.challenge, runs };
}

/** An exported run file's finished runs, participant and challenge. */
function readFile(text: string, fileName: string): SourceRead {
  const base = { label: fileName, kind: 'file' as const, participant: null as string | null, challengeTitle: null as string | null, skipped: [] as string[] };
  const { runs, origin, error } = runsFromJson(text);
  if (error) return { source: { ...base, error }, challenge: null, runs: [] };
  base.participant = origin?.participant ?? null;
  let challenge: Challenge | null = null;
  if (origin?.challengeLink) {
    const state = decodeLink(origin.challengeLink);
    challenge = state.challenge;
    base.challengeTitle = challenge?.title ?? null;
    if (state.challengeErrors.length) base.skipped.push(`its challenge could not be read (${state.challengeErrors.map((e) => `${e.key}: ${e.message}`).join('; ')}), so its runs count for no challenge`);
  }
  const finished = runs.filter((r) => r.events.at(-1)?.type === 'done');
  const unfinished = runs.filter((r) => r.events.at(-1)?.type !== 'done');
  if (unfinished.length) base.skipped.push(`${unfinished.length} run(s) that did not finish: ${unfinished.map((r) => `'${clip(r.name, 30)}'`).join(', ')}`);
  if (!runs.length) return { source: { ...base, error: 'it holds no runs' }, challenge, runs: [] };
  return { source: base, challenge, runs: finished };
}

/** Adds one read source to the class view, merging the runs it already holds. */
function merge(view: ClassView, read: SourceRead): ClassView {
  const runs = [...view.runs];
  const fingerprints = { ...view.fingerprints };
  const challenges = [...view.challenges];
  const key = read.challenge ? challengeKey(read.challenge) : null;
  if (read.challenge && key && !challenges.some((c) => c.key === key)) challenges.push({ key, challenge: read.challenge });
  const participant = read.source.participant ?? (read.source.kind === 'file' ? read.source.label.replace(/\.json$/i, '') : `no name (${read.source.label})`);
  const byFingerprint = new Map(Object.entries(fingerprints).map(([id, fp]) => [fp, id]));
  let duplicates = 0;
  const skipped = [...read.source.skipped];
  for (const input of read.runs) {
    const fingerprint = runFingerprint(input);
    const summary = input.events.at(-1);
    if (!fingerprint || summary?.type !== 'done') {
      skipped.push(`'${clip(input.name, 40)}' did not finish`);
      continue;
    }
    const known = byFingerprint.get(fingerprint);
    if (known) {
      duplicates += 1;
      const i = runs.findIndex((r) => r.id === known);
      const run = runs[i];
      runs[i] = {
        ...run,
        sources: run.sources.includes(read.source.label) ? run.sources : [...run.sources, read.source.label],
        challengeKeys: key && !run.challengeKeys.includes(key) ? [...run.challengeKeys, key] : run.challengeKeys,
      };
      continue;
    }
    let id = `class-${shortHash(fingerprint)}`;
    while (fingerprints[id] !== undefined) id += 'x';
    fingerprints[id] = fingerprint;
    byFingerprint.set(fingerprint, id);
    runs.push({ id, participant, name: input.name, config: input.config, backend: input.backend, events: input.events, summary: summary.summary, challengeKeys: key ? [key] : [], sources: [read.source.label] });
  }
  const source: ClassSource = { ...read.source, skipped, runs: read.runs.length, duplicates };
  return { ...view, runs, fingerprints, challenges, sources: [...view.sources, source], sweep: read.sweep ?? view.sweep };
}

/** The class view with pasted text's results links added (each link a source, numbered on from earlier ones). */
export function addPastedLinks(view: ClassView, text: string): ClassView {
  const { links, problems } = findLinks(text);
  let next = view;
  for (const problem of problems) {
    next = { ...next, sources: [...next.sources, { label: 'pasted text', kind: 'link', participant: null, challengeTitle: null, runs: 0, duplicates: 0, skipped: [], error: problem }] };
  }
  for (const href of links) {
    const label = `link ${next.linkCount + 1}`;
    next = merge({ ...next, linkCount: next.linkCount + 1 }, readLink(href, label));
  }
  return next;
}

/** The class view with an exported run file added. */
export function addRunFile(view: ClassView, text: string, fileName: string): ClassView {
  return merge(view, readFile(text, fileName));
}

/** The class view with a class sweep made here (the sweep panel's class sweep link): its grid is what the runs fill. */
export function withClassSweep(view: ClassView, sweep: ClassSweep): ClassView {
  return { ...view, sweep };
}

/** A source that could not even be read (a file too large, unreadable): named, nothing else changes. */
export function addUnreadable(view: ClassView, label: string, error: string): ClassView {
  return { ...view, sources: [...view.sources, { label, kind: 'file', participant: null, challengeTitle: null, runs: 0, duplicates: 0, skipped: [], error }] };
}

export interface ChallengeStanding {
  key: string;
  challenge: Challenge;
  /** The runs shared under it. */
  entered: ClassRun[];
  /** How many of them meet it. */
  met: number;
  /** The best of them (challengeCheck.ts BEST_RUN_RULE), or null if none meets it. */
  best: ClassRun | null;
}

/** For each challenge the class view holds: its runs, how many meet it, and the best. */
export function challengeStandings(view: ClassView): ChallengeStanding[] {
  return view.challenges.map(({ key, challenge }) => {
    const entered = view.runs.filter((r) => r.challengeKeys.includes(key));
    return { key, challenge, entered, met: entered.filter((r) => checkRun(challenge, r).met).length, best: bestRun(challenge, entered) };
  });
}

/** The class view's runs of one scenario, and within it by challenge: each scenario's runs are measured on its own model and data. */
interface ClassScenarioGroup {
  scenario: ScenarioName;
  runs: ClassRun[];
  /** The challenges its runs were shared under, in the order first seen, then the runs shared under none (key null). */
  challenges: Array<{ key: string | null; runs: ClassRun[] }>;
}

/** The runs grouped by scenario (in the order first seen), then by challenge; a run shared under two challenges is under both. */
export function groupClassRuns(view: ClassView): ClassScenarioGroup[] {
  const groups = new Map<ScenarioName, ClassRun[]>();
  for (const run of view.runs) groups.set(run.config.scenario, [...(groups.get(run.config.scenario) ?? []), run]);
  return [...groups].map(([scenario, runs]) => {
    const challenges: Array<{ key: string | null; runs: ClassRun[] }> = view.challenges
      .map(({ key }) => ({ key, runs: runs.filter((r) => r.challengeKeys.includes(key)) }))
      .filter((c) => c.runs.length > 0);
    const none = runs.filter((r) => r.challengeKeys.length === 0);
    if (none.length) challenges.push({ key: null, runs: none });
    return { scenario, runs, challenges };
  });
}
