/**
 * Which of the participant's runs belongs to a lesson step, and where the
 * step stands: not set up, waiting for a run, running, cut short (stopped,
 * failed, interrupted: a clear message, never a wrong answer), waiting for an
 * earlier step, or answered from the runs' own numbers.
 */
import { changedSettings } from '../engine/config/keys';
import type { ExperimentConfig } from '../engine/config/schema';
import { sectionOf } from '../engine/config/sections';
import { settingText } from '../engine/config/naming';
import { errorOf, lastStepOf, summaryOf, type Run } from '../runs/run';
import { totalSteps } from '../engine/stream/stream';
import type { Answer, LessonStep } from './lesson';

/** What a step was set up with: the config it left in the controls, the locked keys it could not change, and when. */
export interface StepSetup {
  config: ExperimentConfig;
  kept: string[];
  /** When the step was set up (ms since epoch): only runs started since are the step's. Absent in progress saved before it was kept. */
  at?: number;
}

export type StepState =
  | { kind: 'not-set-up' }
  | { kind: 'waiting' }
  | { kind: 'running'; run: Run; step: number; total: number }
  | { kind: 'cut-short'; run: Run; message: string }
  | { kind: 'needs'; steps: string[] }
  | { kind: 'answered'; run: Run | null; answer: Answer; notes: string[] };

/** Settings that change what a run measures, so runs that differ in them compare with care. */
const COMPARED = ['task', 'mode', 'steps', 'batchSize', 'seed'] as const;

/**
 * Which text of one's own a run trains on (domain=custom): the participant's
 * choice, like the seed. A step on one's own text is set up before the text
 * is chosen (or swapped for the built-in example), and takes whichever it is.
 */
const OWN_TEXT_KEYS: readonly string[] = ['domainHash', 'domainName'];

/**
 * The settings of `config` that make it another experiment than a step's set-up:
 * every key outside the run section (steps, seed, batch, evaluations), which a
 * participant may change to shorten a run or try another seed, and the text of
 * one's own.
 */
export function leversChanged(config: ExperimentConfig, setup: ExperimentConfig): string[] {
  return Object.keys(changedSettings(config, setup)).filter((key) => sectionOf(key) !== 'run' && !OWN_TEXT_KEYS.includes(key));
}

const usesSetup = (run: Run, setup: ExperimentConfig) => leversChanged(run.config, setup).length === 0;

/**
 * The newest run made here (not from a link or a file) with a step's
 * settings, finished or not, started since the step was set up: a run made
 * before (the same preset tried earlier, or an earlier step's run when a lock
 * kept the settings equal) is not this step's.
 */
export function latestRunFor(runs: readonly Run[], setup: ExperimentConfig, since = 0): Run | null {
  return runs.filter((r) => !r.origin && r.startedAt >= since && usesSetup(r, setup)).reduce<Run | null>((a, b) => (!a || b.startedAt >= a.startedAt ? b : a), null);
}

/** The newest finished run with a step's settings. */
export function finishedRunFor(runs: readonly Run[], setup: ExperimentConfig, since = 0): Run | null {
  return latestRunFor(
    runs.filter((r) => r.status === 'done' && summaryOf(r)),
    setup,
    since,
  );
}

/** Why a run that is over has no answer, and what to do. */
function cutShortMessage(run: Run): string {
  const at = `step ${lastStepOf(run)} of ${totalSteps(run.config)}`;
  switch (run.status) {
    case 'stopped':
      return `Your run “${run.name}” was stopped at ${at}, before the end. The answer needs a finished run: press Start to run it again.`;
    case 'error':
      return `Your run “${run.name}” failed: ${errorOf(run) ?? 'no reason given'}. Press Start to try again.`;
    case 'interrupted':
      return `Your run “${run.name}” was cut short at ${at} when the page closed. Press Start to run it again.`;
    default:
      return `Your run “${run.name}” has no final scores. Press Start to run it again.`;
  }
}

/** Notes for runs compared across steps that differ in what they measure. */
function comparisonNotes(runs: readonly Run[]): string[] {
  if (runs.length < 2) return [];
  const notes: string[] = [];
  for (const key of COMPARED) {
    const values = [...new Set(runs.map((r) => JSON.stringify(r.config[key])))];
    if (values.length > 1) {
      notes.push(`Your runs differ in ${key} (${runs.map((r) => settingText(key, r.config[key], r.config)).join(', ')}): compare with care.`);
    }
  }
  return notes;
}

/** Where a step stands, given what each step was set up with and every run in the page. */
export function stepState(step: LessonStep, setups: Readonly<Record<string, StepSetup>>, runs: readonly Run[]): StepState {
  let run: Run | null = null;
  if (step.setup) {
    const setup = setups[step.id];
    if (!setup) return { kind: 'not-set-up' };
    run = latestRunFor(runs, setup.config, setup.at);
    if (!run) return { kind: 'waiting' };
    if (run.status === 'running' || run.status === 'paused') return { kind: 'running', run, step: lastStepOf(run), total: totalSteps(run.config) };
    if (run.status !== 'done' || !summaryOf(run)) return { kind: 'cut-short', run, message: cutShortMessage(run) };
  }
  const uses = step.uses ?? [];
  const earlier: Record<string, Run> = {};
  for (const id of uses) {
    const found = setups[id] ? finishedRunFor(runs, setups[id].config, setups[id].at) : null;
    if (found) earlier[id] = found;
  }
  const missing = uses.filter((id) => !earlier[id]);
  if (uses.length - missing.length < (step.needs ?? uses.length)) return { kind: 'needs', steps: missing };
  const compared = [...(run ? [run] : []), ...Object.values(earlier)];
  return { kind: 'answered', run, answer: step.answer({ run, earlier }), notes: comparisonNotes(compared) };
}
