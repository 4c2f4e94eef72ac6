/**
 * Saved runs as files: JSON (config + events, re-importable) and CSV (one
 * row per evaluation point). Imports are checked against the schemas before
 * anything reaches the store.
 */
import { taskOf } from '../engine/scenarios/registry';
import { z } from 'zod';
import { resolveConfig } from '../engine/config/keys';
import type { ExperimentConfig } from '../engine/config/schema';
import { eventSchema } from '../engine/experiment/eventSchema';
import type { ExperimentEvent } from '../engine/experiment/events';

const RUN_FILE_FORMAT = 'forgetting-lab-runs/1';
/** Larger files are refused before they are parsed. */
export const MAX_IMPORT_BYTES = 25 * 1024 * 1024;
const MAX_RUNS = 500;
const MAX_EVENTS = 20_000;

export interface RunRecordLike {
  name: string;
  config: ExperimentConfig;
  backend: string;
  events: ExperimentEvent[];
}

/** Who exported the runs, and the challenge they were playing (as its link): for the class view. */
export interface RunFileOrigin {
  participant?: string | null;
  challengeLink?: string | null;
}

/** A text of one's own that runs in the file trained on (domain=custom), carried whole so an importer can re-run them. */
export interface RunFileText {
  sha256: string;
  name: string;
  text: string;
}

const fileSchema = z.strictObject({
  format: z.literal(RUN_FILE_FORMAT),
  exportedAt: z.string().max(40).optional(),
  participant: z.string().max(200).optional(),
  challengeLink: z.string().max(4000).optional(),
  /** The texts of one's own its runs trained on, by sha256 (the importer checks each against it). */
  texts: z
    .array(z.strictObject({ sha256: z.string().regex(/^[0-9a-f]{64}$/), name: z.string().max(80), text: z.string() }))
    .max(20)
    .optional(),
  runs: z
    .array(
      z.strictObject({
        name: z.string().min(1).max(80),
        config: z.unknown(),
        backend: z.string().max(20),
        events: z.array(eventSchema).max(MAX_EVENTS),
      }),
    )
    .max(MAX_RUNS),
});

/** The sha256s of the texts of one's own these runs trained on, each once. */
export function customTextHashes(runs: readonly { config: ExperimentConfig }[]): string[] {
  return [...new Set(runs.map((r) => r.config.domainHash).filter((h) => h !== ''))];
}

export function runsToJson(runs: readonly RunRecordLike[], origin: RunFileOrigin = {}, texts: readonly RunFileText[] = []): string {
  return JSON.stringify(
    {
      format: RUN_FILE_FORMAT,
      exportedAt: new Date().toISOString(),
      ...(origin.participant ? { participant: origin.participant } : {}),
      ...(origin.challengeLink ? { challengeLink: origin.challengeLink } : {}),
      ...(texts.length ? { texts: texts.map(({ sha256, name, text }) => ({ sha256, name, text })) } : {}),
      runs: runs.map(({ name, config, backend, events }) => ({ name, config, backend, events })),
    },
    null,
    1,
  );
}

/** Parses an exported file. All or nothing: any problem is reported and no run is returned. */
export function runsFromJson(text: string): { runs: RunRecordLike[]; origin?: RunFileOrigin; texts?: RunFileText[]; error?: string } {
  if (text.length > MAX_IMPORT_BYTES) return { runs: [], error: `the file is ${(text.length / 1e6).toFixed(1)} MB; the lab imports files up to ${MAX_IMPORT_BYTES / 1e6} MB` };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    return { runs: [], error: `the file is not valid JSON (${err instanceof Error ? err.message : 'parse error'})` };
  }
  const parsed = fileSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue.path.length ? issue.path.join('.') : 'the file';
    return { runs: [], error: `the file is not a Forgetting Lab export (${where}: ${issue.message})` };
  }
  const runs: RunRecordLike[] = [];
  for (const [i, run] of parsed.data.runs.entries()) {
    const { config, errors } = resolveConfig(run.config);
    if (errors.length) {
      return { runs: [], error: `run ${i + 1} ('${run.name}') has an invalid config: ${errors.map((e) => `${e.key}: ${e.message}`).join('; ')}` };
    }
    runs.push({ name: run.name, config, backend: run.backend, events: run.events });
  }
  return { runs, origin: { participant: parsed.data.participant ?? null, challengeLink: parsed.data.challengeLink ?? null }, texts: parsed.data.texts ?? [] };
}

const csvCell = (v: string | number) => {
  const s = String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** One row per evaluation point (the baseline is step 0). A text run's task is its domain; it adds bits per character and, where it sampled, the real-word share. */
export function runsToCsv(runs: readonly RunRecordLike[]): string {
  const skills = [...new Set(runs.flatMap((r) => r.events.flatMap((e) => (e.type === 'baseline' || e.type === 'eval' ? Object.keys(e.eval.general) : []))))];
  const header = [
    'run',
    'backend',
    'scenario',
    'task',
    'method',
    'step',
    'task_acc',
    'task_token_acc',
    'task_loss',
    'general_acc',
    'general_token_acc',
    'task_bpc',
    'general_bpc',
    'real_words',
    ...skills.flatMap((s) => [`${s}_acc`, `${s}_token_acc`, `${s}_loss`]),
    'drift_total',
  ];
  const rows = [header.map(csvCell).join(',')];
  for (const run of runs) {
    for (const e of run.events) {
      if (e.type !== 'baseline' && e.type !== 'eval') continue;
      const step = e.type === 'eval' ? e.step : 0;
      const drift = e.type === 'eval' ? e.drift.total : 0;
      const ev = e.eval;
      const cells: Array<string | number> = [
          run.name,
          run.backend,
          run.config.scenario,
          taskOf(run.config),
          run.config.method,
          step,
          ev.task.acc,
          ev.task.tokenAcc,
          ev.task.loss,
          ev.generalAcc,
          ev.generalTokenAcc,
          ev.task.bpc ?? '',
          ev.generalBpc ?? '',
          ev.realWords ?? '',
          ...skills.flatMap((s): Array<string | number> => (ev.general[s] ? [ev.general[s].acc, ev.general[s].tokenAcc, ev.general[s].loss] : ['', '', ''])),
          drift,
      ];
      rows.push(cells.map(csvCell).join(','));
    }
  }
  return rows.join('\n') + '\n';
}
