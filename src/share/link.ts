/**
 * Share links: the config as the schema's dotted keys (only those that differ
 * from the defaults, plus the seed and the schema version), instructor options
 * (preset, hide, lock), and optionally compressed results. This is the only
 * place that parses links; the page and the command line both use it.
 *
 *   ?v=3&seed=3&mix=0.25&lora.rank=8&preset=lora&hide=reg,lora&lock=task#r=<results>
 *
 * Results travel in the fragment (`#r=…`): a browser never sends it to a
 * server, so no server sees them or refuses a long link (HTTP 431). Links
 * made before that, with `?r=…`, still open, and any parameter may sit in
 * either part.
 *
 * A challenge (share/challenge.ts) adds its title and goal, and a results link
 * the participant's name (`participant=Ana`).
 */
import { applySettings, changedSettings, flattenConfig, isConfigKey, type ConfigError } from '../engine/config/keys';
import { settingText } from '../engine/config/naming';
import { BACKENDS } from '../engine/backend/names';
import { findPreset, presetConfig, scenarioStart } from '../engine/config/presets';
import { SCENARIOS, type ScenarioName } from '../engine/scenarios/names';
import { HIDEABLE } from '../engine/config/sections';
import { CONFIG_VERSION, defaultConfig, EARLIER_DEFAULTS, SCENARIO_DEFAULTS_SINCE, type ExperimentConfig } from '../engine/config/schema';
import { decodeResults, encodeResults, type SharedRun } from './results';
import { CHALLENGE_PARAMS, challengeParams, readChallenge, type Challenge } from './challenge';
import { cleanParticipantName, PARTICIPANT_PARAM } from './participant';
import { BUILTIN_CHALLENGES } from './builtinChallenges';
import { DOMAIN_URL_PARAM } from './domainUrl';
import { CLASS_SWEEP_PARAM, readClassSweep, SLOT_PARAM, type ClassSweep } from './classSweep';

/** Parameters that are not config keys. */
const RESERVED = ['v', 'preset', 'hide', 'lock', 'r', 'backend', 'present', DOMAIN_URL_PARAM, CLASS_SWEEP_PARAM, SLOT_PARAM] as const;
const BACKEND_CHOICES: readonly string[] = ['auto', ...BACKENDS];
/** Longest link the decoder reads; browsers and chat apps cut longer ones anyway. */
export const MAX_LINK_CHARS = 32_000;
/** Longest link the encoder writes with results; past it, results are trimmed. */
export const MAX_RESULTS_CHARS = 8_000;

export interface LinkState {
  config: ExperimentConfig;
  preset: string | null;
  hide: string[];
  lock: string[];
  backend: string | null;
  /** Presentation mode (large type for a projector): `present=1`. */
  present: boolean;
  results: SharedRun[];
  /** Every rejected part of the link, by name. */
  errors: ConfigError[];
  /** The challenge the link opens, or null (none, or one that could not be read: see challengeErrors). */
  challenge: Challenge | null;
  /** Why the link's challenge was not opened, by parameter; apart from `errors`, whose parts keep their defaults. */
  challengeErrors: ConfigError[];
  /** Settings the link gave that contradict its (built-in) challenge's rules: ignored, the rules' values kept. */
  challengeIgnored: ConfigError[];
  /** Whose results these are (a results link's `participant`). */
  participant: string | null;
  /** A class sweep link's sweep (`cs=…`, share/classSweep.ts), on the link's settings as its base; and the slot it hands out (`slot=i/n`). */
  classSweep: ClassSweep | null;
  slot: number | null;
  /** Why the class sweep or its slot was not taken, apart from `errors`. */
  classSweepErrors: ConfigError[];
}

export interface LinkOptions {
  preset?: string | null;
  hide?: string[];
  lock?: string[];
  present?: boolean;
  results?: SharedRun[];
  /** A challenge in play: its locked sections are written at its fixed values, with its own lock and hide. */
  challenge?: Challenge | null;
  participant?: string | null;
}

/**
 * Link text for a config: the query string, starting with '?', and the
 * fragment with the results ('#r=…', or '' without results). `href` is both.
 */
export function encodeLink(config: ExperimentConfig, options: LinkOptions = {}): { query: string; fragment: string; href: string; trimmed: number } {
  // A challenge's rules win, so the link always carries the challenge it was opened with.
  const challenge = options.challenge;
  if (challenge) {
    config = applySettings(config, challenge.fixed).config;
    options = { ...options, lock: challenge.lock, hide: challenge.hide };
  }
  const params = new URLSearchParams();
  params.set('v', String(CONFIG_VERSION));
  if (options.preset && findPreset(options.preset)) params.set('preset', options.preset);
  // Only what differs from where the link will start reading: its preset, or its scenario's start (the scenario itself always named).
  const from = options.preset && findPreset(options.preset) ? presetConfig(options.preset) : scenarioStart(config.scenario);
  const changed = changedSettings(config, from);
  if (config.scenario !== defaultConfig().scenario) params.set('scenario', config.scenario);
  delete changed.scenario;
  for (const [key, value] of Object.entries(changed)) params.set(key, Array.isArray(value) ? value.join(',') : String(value));
  params.set('seed', String(config.seed));
  if (options.hide?.length) params.set('hide', options.hide.join(','));
  if (options.lock?.length) params.set('lock', options.lock.join(','));
  if (options.present) params.set('present', '1');
  if (challenge) for (const [key, value] of challengeParams(challenge)) params.set(key, value);
  const participant = options.participant ? cleanParticipantName(options.participant).name : null;
  if (participant) params.set(PARTICIPANT_PARAM, participant);
  let trimmed = 0;
  let fragment = '';
  if (options.results?.length) {
    let runs = options.results;
    for (;;) {
      const encoded = encodeResults(runs);
      if (params.toString().length + encoded.length + 4 <= MAX_RESULTS_CHARS || runs.length === 0) {
        if (runs.length) fragment = `#${new URLSearchParams({ r: encoded }).toString()}`;
        break;
      }
      // Keep the newest runs that fit.
      runs = runs.slice(1);
      trimmed += 1;
    }
  }
  const query = `?${params.toString()}`;
  return { query, fragment, href: `${query}${fragment}`, trimmed };
}

/**
 * A link's parameters: its query's, then its fragment's when the fragment
 * holds parameters (`#r=…`); a plain anchor (`#start`) holds none. Text
 * without '?', '#' or '/' is a bare query.
 */
function linkParams(link: string): URLSearchParams {
  const hash = link.indexOf('#');
  const beforeHash = hash >= 0 ? link.slice(0, hash) : link;
  const fragment = hash >= 0 ? link.slice(hash + 1) : '';
  const q = beforeHash.indexOf('?');
  const bareQuery = q < 0 && hash < 0 && !link.includes('/');
  const params = new URLSearchParams(q >= 0 ? beforeHash.slice(q + 1) : bareQuery ? link : '');
  if (fragment.includes('=')) for (const [key, value] of new URLSearchParams(fragment)) params.append(key, value);
  return params;
}

/**
 * A built-in challenge's rules hold whatever its link says: a link that names
 * one (title, goal, locked and hidden sections) but sets a held key otherwise
 * (`&task=rotate` added by hand) has that setting ignored, and named.
 */
function heldToBuiltin(challenge: Challenge, config: ExperimentConfig): { challenge: Challenge; config: ExperimentConfig; ignored: ConfigError[] } {
  const same = (a: readonly string[], b: readonly string[]) => JSON.stringify([...a].sort()) === JSON.stringify([...b].sort());
  const builtin = BUILTIN_CHALLENGES.find(
    ({ challenge: b }) => b.title === challenge.title && JSON.stringify(b.goal) === JSON.stringify(challenge.goal) && same(b.lock, challenge.lock) && same(b.hide, challenge.hide),
  )?.challenge;
  if (!builtin) return { challenge, config, ignored: [] };
  const flat = flattenConfig(config);
  const contradicting = Object.keys(builtin.fixed).filter((k) => JSON.stringify(flat[k]) !== JSON.stringify(builtin.fixed[k]));
  if (!contradicting.length) return { challenge, config, ignored: [] };
  const kept = applySettings(config, Object.fromEntries(contradicting.map((k) => [k, builtin.fixed[k]]))).config;
  const ignored = contradicting.map((k) => ({
    key: k,
    message: `${settingText(k, flat[k], config)} (the challenge holds ${settingText(k, builtin.fixed[k], kept)})`,
  }));
  return { challenge: { ...builtin, preset: challenge.preset }, config: kept, ignored };
}

function listParam(value: string | null, name: string, errors: ConfigError[]): string[] {
  if (!value) return [];
  const items = value.split(',').map((s) => s.trim()).filter(Boolean);
  const known = (i: string) => (HIDEABLE as readonly string[]).includes(i);
  const bad = items.filter((i) => !known(i));
  if (bad.length) errors.push({ key: name, message: `unknown section(s) ${bad.map((b) => `'${clip(b)}'`).join(', ')}; known: ${HIDEABLE.join(', ')}` });
  return items.filter(known);
}

function clip(text: string, max = 40): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/**
 * Reads a link (a full URL, or just its query) into a config and options.
 * Never throws: anything unreadable is left at its default and named in `errors`.
 */
export function decodeLink(link: string): LinkState {
  const errors: ConfigError[] = [];
  const empty: LinkState = { config: defaultConfig(), preset: null, hide: [], lock: [], backend: null, present: false, results: [], errors, challenge: null, challengeErrors: [], challengeIgnored: [], participant: null, classSweep: null, slot: null, classSweepErrors: [] };
  if (link.length > MAX_LINK_CHARS) {
    errors.push({ key: '(link)', message: `the link is ${link.length} characters long, more than the ${MAX_LINK_CHARS} this lab reads` });
    return empty;
  }
  let params: URLSearchParams;
  try {
    // A full address without '?' (the lab's plain address, or one with only an anchor) has no settings.
    params = linkParams(link);
  } catch {
    errors.push({ key: '(link)', message: 'the link could not be read' });
    return empty;
  }

  const version = params.get('v');
  const earlier = version !== null && version !== String(CONFIG_VERSION) ? EARLIER_DEFAULTS[Number(version)] : undefined;
  const versionOk = version === null || version === String(CONFIG_VERSION) || earlier !== undefined;
  if (!versionOk) {
    errors.push({ key: 'v', message: `this link was made for settings version '${clip(version!)}'; this lab reads version ${CONFIG_VERSION}, so its settings were not applied` });
  }

  let preset: string | null = null;
  const presetName = params.get('preset');
  if (presetName !== null) {
    if (findPreset(presetName)) preset = presetName;
    else errors.push({ key: 'preset', message: `unknown preset '${clip(presetName)}'` });
  }

  const settings: Record<string, string> = {};
  for (const [key, value] of params) {
    if ((RESERVED as readonly string[]).includes(key) || CHALLENGE_PARAMS.includes(key) || key === PARTICIPANT_PARAM) continue;
    if (key in settings) {
      errors.push({ key: clip(key), message: 'given more than once; the first is used' });
      continue;
    }
    if (!versionOk) {
      if (isConfigKey(key)) errors.push({ key, message: 'not applied (other settings version)' });
      else errors.push({ key: clip(key), message: 'unknown key' });
      continue;
    }
    settings[key] = value;
  }
  // An older version's link leaves out what were its defaults: they go in first. From v3 a scenario starts from its own.
  const scenarioStarts = versionOk && (version === null || Number(version) >= SCENARIO_DEFAULTS_SINCE);
  const named = settings.scenario;
  const ownStart = scenarioStarts && (SCENARIOS as readonly string[]).includes(named) ? scenarioStart(named as ScenarioName) : defaultConfig();
  const start = applySettings(preset ? presetConfig(preset) : ownStart, earlier ?? {}).config;
  const applied = applySettings(start, settings, { fromText: true });
  errors.push(...applied.errors.map((e) => ({ key: clip(e.key), message: e.message })));

  const backendParam = params.get('backend');
  let backend: string | null = null;
  if (backendParam !== null) {
    if (BACKEND_CHOICES.includes(backendParam)) backend = backendParam;
    else errors.push({ key: 'backend', message: `unknown backend '${clip(backendParam)}'` });
  }

  const presentParam = params.get('present');
  if (presentParam !== null && presentParam !== '1' && presentParam !== '0') errors.push({ key: 'present', message: `expected 1 or 0, not '${clip(presentParam)}'` });

  let results: SharedRun[] = [];
  const r = params.get('r');
  if (r !== null) {
    const decoded = decodeResults(r);
    if (decoded.error) errors.push({ key: 'r', message: decoded.error });
    else results = earlier ? decoded.runs.map((run) => ({ ...run, settings: { ...(earlier as SharedRun['settings']), ...run.settings } })) : decoded.runs;
  }

  const hide = listParam(params.get('hide'), 'hide', errors);
  const lock = listParam(params.get('lock'), 'lock', errors);
  const read = readChallenge(params, { config: applied.config, lock, hide, preset, configErrors: [...applied.errors, ...errors.filter((e) => e.key === 'lock')], settingsApplied: versionOk });

  let participant: string | null = null;
  const participantParam = params.get(PARTICIPANT_PARAM);
  if (participantParam !== null) {
    const clean = cleanParticipantName(participantParam);
    if (clean.error) errors.push({ key: PARTICIPANT_PARAM, message: clean.error });
    participant = clean.name;
  }

  const held = read.challenge ? heldToBuiltin(read.challenge, applied.config) : { challenge: null, config: applied.config, ignored: [] };
  const classSweep = readClassSweep(params, held.config, versionOk);

  return {
    config: held.config,
    preset,
    hide,
    lock,
    backend,
    present: presentParam === '1',
    results,
    errors,
    challenge: held.challenge,
    challengeErrors: read.errors,
    challengeIgnored: held.ignored,
    participant,
    classSweep: classSweep.sweep,
    slot: classSweep.slot,
    classSweepErrors: classSweep.errors,
  };
}
