/**
 * A challenge: a goal for a finished run ("forgetting at most 10 points with
 * task gain at least 90, within 150 steps") and the rules it is played under
 * (locked sections, held at fixed values; hidden sections; a starting preset).
 * It travels in a link beside the experiment it starts from:
 *
 *   ?v=2&preset=mix&lock=task,method&hide=reg&challenge=Replay+only&challenge.note=…
 *    &goal.forgetting=12&goal.gain=95&goal.steps=150
 *
 * The rules are the link's own `lock` and `hide`, and the fixed values are the
 * link's config for the locked sections, so a challenge link is an ordinary
 * experiment link plus a title and a goal. share/link.ts reads and writes it
 * through the functions here; nothing else parses these parameters.
 */
import { flattenConfig, type ConfigError } from '../engine/config/keys';
import { keysOf, SECTIONS, type Section } from '../engine/config/sections';
import type { ExperimentConfig } from '../engine/config/schema';
import { heldSections } from './heldSections';
import type { RunSummary } from '../engine/experiment/events';

/** What a goal can bound, each in the unit the page shows it in. */
export const GOAL_METRICS = [
  {
    id: 'forgetting',
    param: 'goal.forgetting',
    label: 'forgetting',
    bound: 'max',
    unit: 'pts',
    min: 0,
    max: 100,
    integer: false,
    of: (s: RunSummary) => 100 * s.forgetting,
  },
  {
    id: 'gain',
    param: 'goal.gain',
    label: 'task gain',
    bound: 'min',
    unit: 'pts',
    min: -100,
    max: 100,
    integer: false,
    of: (s: RunSummary) => 100 * s.taskGain,
  },
  {
    id: 'steps',
    param: 'goal.steps',
    label: 'steps',
    bound: 'max',
    unit: 'steps',
    min: 1,
    max: 5000,
    integer: true,
    of: (s: RunSummary) => s.steps,
  },
] as const;

export type GoalMetric = (typeof GOAL_METRICS)[number];
export type GoalId = GoalMetric['id'];
/** Bounds, inclusive: forgetting ≤, task gain ≥, steps ≤. At least one is set. */
export type Goal = Partial<Record<GoalId, number>>;

export interface Challenge {
  title: string;
  /** A sentence for participants: what the challenge is about, what to try. */
  note: string;
  goal: Goal;
  /** Locked sections (and 'presets', the preset bar): what participants may not change. */
  lock: string[];
  hide: string[];
  /** The preset the challenge starts from, if any. */
  preset: string | null;
  /** Every key of the locked and hidden sections at the value each run must keep. */
  fixed: Record<string, unknown>;
}

const TITLE_PARAM = 'challenge';
const NOTE_PARAM = 'challenge.note';
const MAX_TITLE = 80;
const MAX_NOTE = 300;

/** The link parameters this module reads and writes (link.ts keeps them out of the config keys). */
export const CHALLENGE_PARAMS: readonly string[] = [TITLE_PARAM, NOTE_PARAM, ...GOAL_METRICS.map((m) => m.param)];

const isSection = (s: string): s is Section => (SECTIONS as readonly string[]).includes(s);

/** The values the held sections (locked or hidden: share/heldSections.ts) have in `config`: what a challenge made from it fixes. */
function fixedValues(config: ExperimentConfig, lock: readonly string[], hide: readonly string[]): Record<string, unknown> {
  const flat = flattenConfig(config);
  return Object.fromEntries([...heldSections(hide, lock)].filter(isSection).flatMap((s) => keysOf(s).map((k) => [k, flat[k]])));
}

/** A challenge played from `config` under the given rules and goal. */
export function makeChallenge(
  config: ExperimentConfig,
  spec: { title: string; note?: string; goal: Goal; lock: readonly string[]; hide: readonly string[]; preset: string | null },
): Challenge {
  return { title: spec.title, note: spec.note ?? '', goal: { ...spec.goal }, lock: [...spec.lock], hide: [...spec.hide], preset: spec.preset, fixed: fixedValues(config, spec.lock, spec.hide) };
}

/** Why a goal bound cannot be used, or null: the same check for a link and for the builder's fields. */
export function goalBoundProblem(metric: GoalMetric, value: number): string | null {
  if (!Number.isFinite(value)) return `${metric.label} must be a number`;
  if (metric.integer && !Number.isInteger(value)) return `${metric.label} must be a whole number of ${metric.unit}`;
  if (value < metric.min || value > metric.max) return `${metric.label} must be from ${metric.min} to ${metric.max} ${metric.unit}`;
  return null;
}

/** The challenge's parameters for a link (title, note, goal); its rules go in the link's own lock and hide. */
export function challengeParams(challenge: Challenge): Array<[string, string]> {
  const out: Array<[string, string]> = [[TITLE_PARAM, challenge.title]];
  if (challenge.note) out.push([NOTE_PARAM, challenge.note]);
  for (const m of GOAL_METRICS) {
    const bound = challenge.goal[m.id];
    if (bound !== undefined) out.push([m.param, String(bound)]);
  }
  return out;
}

function clip(text: string, max = 40): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/**
 * Reads a challenge from a link's parameters, given what the rest of the link
 * decoded to. All or nothing: a challenge with any unreadable part, or whose
 * locked settings could not be read, is not opened (a goal read wrong would
 * judge every run wrong), and each problem is named by its parameter.
 */
export function readChallenge(
  params: URLSearchParams,
  link: {
    config: ExperimentConfig;
    lock: string[];
    hide: string[];
    preset: string | null;
    /** The link's rejected settings and lock sections: a challenge that locks one of them is not opened. */
    configErrors: readonly ConfigError[];
    /** False when the link's settings version is unknown (its settings were not applied). */
    settingsApplied: boolean;
  },
): { challenge: Challenge | null; errors: ConfigError[] } {
  const errors: ConfigError[] = [];
  const title = params.get(TITLE_PARAM);
  const given = GOAL_METRICS.filter((m) => params.has(m.param));
  if (title === null) {
    if (params.has(NOTE_PARAM)) errors.push({ key: NOTE_PARAM, message: 'a note without a challenge (challenge=title)' });
    for (const m of given) errors.push({ key: m.param, message: 'a goal without a challenge (challenge=title)' });
    return { challenge: null, errors };
  }
  const cleanTitle = title.trim();
  if (!cleanTitle) errors.push({ key: TITLE_PARAM, message: 'the challenge has no title' });
  else if (cleanTitle.length > MAX_TITLE) errors.push({ key: TITLE_PARAM, message: `the title is longer than ${MAX_TITLE} characters` });
  const note = (params.get(NOTE_PARAM) ?? '').trim();
  if (note.length > MAX_NOTE) errors.push({ key: NOTE_PARAM, message: `the note is longer than ${MAX_NOTE} characters` });

  const goal: Goal = {};
  for (const m of given) {
    const text = params.get(m.param)!.trim();
    const value = text === '' ? NaN : Number(text);
    const problem = goalBoundProblem(m, value);
    if (problem) errors.push({ key: m.param, message: `${problem}, got '${clip(text)}'` });
    else goal[m.id] = value;
  }
  if (!given.length) errors.push({ key: TITLE_PARAM, message: `the challenge has no goal (${GOAL_METRICS.map((m) => m.param).join(', ')})` });

  if (!link.settingsApplied) errors.push({ key: TITLE_PARAM, message: "the link's settings were not applied, so the challenge's locked settings are unknown" });
  const lockedKeys = new Set([...heldSections(link.hide, link.lock)].filter(isSection).flatMap(keysOf));
  for (const e of link.configErrors) {
    if (e.key === 'lock') errors.push({ key: 'lock', message: "names sections this lab does not know, so the challenge's rules are unclear" });
    else if (lockedKeys.has(e.key)) errors.push({ key: e.key, message: 'is locked by the challenge but could not be read' });
  }

  if (errors.length) return { challenge: null, errors };
  return { challenge: makeChallenge(link.config, { title: cleanTitle, note, goal, lock: link.lock, hide: link.hide, preset: link.preset }), errors };
}

/** One string per challenge: two links carry the same challenge when title, goal and rules agree. */
export function challengeKey(challenge: Challenge): string {
  const goal = GOAL_METRICS.map((m) => challenge.goal[m.id] ?? null);
  const fixed = Object.keys(challenge.fixed)
    .sort()
    .map((k) => [k, challenge.fixed[k]]);
  return JSON.stringify([challenge.title, goal, [...challenge.lock].sort(), fixed]);
}

/** The goal in words: 'forgetting ≤ 10 pts, task gain ≥ 90 pts, steps ≤ 150'. */
export function goalText(goal: Goal): string {
  return GOAL_METRICS.filter((m) => goal[m.id] !== undefined)
    .map((m) => `${m.label} ${m.bound === 'max' ? '≤' : '≥'} ${goal[m.id]}${m.unit === 'pts' ? ' pts' : ''}`)
    .join(', ');
}
