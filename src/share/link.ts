/**
 * Share links: the config as the schema's dotted keys (only those that differ
 * from the defaults, plus the seed and the schema version), instructor options
 * (preset, hide, lock), and optionally compressed results. This is the only
 * place that parses links; the page and the command line both use it.
 *
 *   ?v=1&seed=3&mix=0.25&lora.rank=8&preset=lora&hide=reg,lora&lock=task&r=<results>
 *
 * A challenge (share/challenge.ts) adds its title and goal, and a results link
 * the participant's name (`participant=Ana`).
 */
import { applySettings, changedSettings, isConfigKey, type ConfigError } from '../engine/config/keys';
import { BACKENDS } from '../engine/backend/names';
import { findPreset, presetConfig, scenarioStart } from '../engine/config/presets';
import { SCENARIOS, type ScenarioName } from '../engine/scenarios/names';
import { HIDEABLE } from '../engine/config/sections';
import { CONFIG_VERSION, defaultConfig, EARLIER_DEFAULTS, SCENARIO_DEFAULTS_SINCE, type ExperimentConfig } from '../engine/config/schema';
import { decodeResults, encodeResults, type SharedRun } from './results';
import { CHALLENGE_PARAMS, challengeParams, readChallenge, type Challenge } from './challenge';
import { cleanParticipantName, PARTICIPANT_PARAM } from './participant';

/** Parameters that are not config keys. */
const RESERVED = ['v', 'preset', 'hide', 'lock', 'r', 'backend', 'present'] as const;
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
  /** Whose results these are (a results link's `participant`). */
  participant: string | null;
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

/** Link text for a config: the query string, starting with '?'. */
export function encodeLink(config: ExperimentConfig, options: LinkOptions = {}): { query: string; trimmed: number } {
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
  if (options.results?.length) {
    let runs = options.results;
    for (;;) {
      const encoded = encodeResults(runs);
      if (params.toString().length + encoded.length + 3 <= MAX_RESULTS_CHARS || runs.length === 0) {
        if (runs.length) params.set('r', encoded);
        break;
      }
      // Keep the newest runs that fit.
      runs = runs.slice(1);
      trimmed += 1;
    }
  }
  return { query: `?${params.toString()}`, trimmed };
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
  const empty: LinkState = { config: defaultConfig(), preset: null, hide: [], lock: [], backend: null, present: false, results: [], errors, challenge: null, challengeErrors: [], participant: null };
  if (link.length > MAX_LINK_CHARS) {
    errors.push({ key: '(link)', message: `the link is ${link.length} characters long, more than the ${MAX_LINK_CHARS} this lab reads` });
    return empty;
  }
  let params: URLSearchParams;
  try {
    // A full address without '?' (the lab's plain address, or one with only '#') has no settings;
    // text without '?' and without '/' is a bare query.
    const q = link.indexOf('?');
    const hash = link.indexOf('#', q + 1);
    const bareQuery = q < 0 && !link.includes('/') && !link.startsWith('#');
    params = new URLSearchParams(q >= 0 ? link.slice(q + 1, hash > q ? hash : undefined) : bareQuery ? link : '');
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

  return {
    config: applied.config,
    preset,
    hide,
    lock,
    backend,
    present: presentParam === '1',
    results,
    errors,
    challenge: read.challenge,
    challengeErrors: read.errors,
    participant,
  };
}
