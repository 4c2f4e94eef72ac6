/**
 * Finished runs in a compact form for results links: enough to draw every
 * chart at once (accuracy, per-token accuracy and loss per skill at each
 * evaluation, the latest drift, the summary), compressed with lz-string and
 * checked with a schema when read back.
 */
// lz-string is CommonJS: its default import works in Node and in Vite alike.
import LZString from 'lz-string';
import { z } from 'zod';
import { applySettings, changedSettings } from '../engine/config/keys';
import { defaultConfig, type ExperimentConfig } from '../engine/config/schema';
import { DEFAULT_EVAL_SIZE } from '../engine/data/heldout';
import { toEvalResult, type EvalResult, type SkillScore } from '../engine/eval/score';
import { describeScenario, taskOf } from '../engine/scenarios/registry';
import { summarySchema } from '../engine/experiment/eventSchema';
import type { EventOf, ExperimentEvent } from '../engine/experiment/events';

const MAX_RUNS = 20;
const MAX_POINTS = 200;

/** Rounded to 5 decimals: exact-match accuracies are multiples of 1/128, far coarser. */
const r5 = (x: number) => Math.round(x * 1e5) / 1e5;

const triple = z.tuple([z.number().finite(), z.number().finite(), z.number().finite()]);
const pointSchema = z.strictObject({
  step: z.number().int().min(0),
  /** Held-out examples per skill behind the scores (absent in older links: all 128). */
  size: z.number().int().positive().optional(),
  /** [acc, tokenAcc, loss] per skill, task first. */
  scores: z.record(z.string().max(20), triple),
});
const sharedRunSchema = z.strictObject({
  name: z.string().max(80),
  backend: z.string().max(20),
  settings: z.record(z.string().max(40), z.union([z.string().max(100), z.number(), z.boolean(), z.array(z.string().max(20)).max(10)])),
  points: z.array(pointSchema).min(1).max(MAX_POINTS),
  drift: z.record(z.string().max(40), z.number().finite()).optional(),
  summary: summarySchema,
});
const resultsSchema = z.strictObject({ format: z.literal('forgetting-lab-results/1'), runs: z.array(sharedRunSchema).max(MAX_RUNS) });

export type SharedRun = z.infer<typeof sharedRunSchema>;

function scoresOf(ev: EvalResult, task: string): Record<string, [number, number, number]> {
  const out: Record<string, [number, number, number]> = {};
  const put = (name: string, s: SkillScore) => (out[name] = [r5(s.acc), r5(s.tokenAcc), r5(s.loss)]);
  put(`task:${task}`, ev.task);
  for (const [skill, s] of Object.entries(ev.general)) put(skill, s);
  return out;
}

/** A finished run's events in shared form, or null if it did not finish. */
export function toSharedRun(run: { name: string; backend: string; config: ExperimentConfig; events: ExperimentEvent[] }): SharedRun | null {
  const done = run.events.at(-1);
  if (done?.type !== 'done') return null;
  const base = run.events.find((e): e is EventOf<'baseline'> => e.type === 'baseline');
  const evals = run.events.filter((e): e is EventOf<'eval'> => e.type === 'eval');
  const points = [...(base ? [{ step: 0, eval: base.eval, size: base.evalSize }] : []), ...evals.map((e) => ({ step: e.step, eval: e.eval, size: e.evalSize }))];
  const lastDrift = evals.at(-1)?.drift.byLayer;
  return {
    name: run.name,
    backend: run.backend,
    settings: { ...(changedSettings(run.config) as SharedRun['settings']), seed: run.config.seed },
    points: points.map((p) => ({ step: p.step, size: p.size, scores: scoresOf(p.eval, taskOf(run.config)) })),
    drift: lastDrift && Object.fromEntries(Object.entries(lastDrift).map(([k, v]) => [k, r5(v)])),
    summary: { ...done.summary, msPerStep: r5(done.summary.msPerStep) },
  };
}

/** Scores back from their triples; where the scenario measures bits per character, they follow from the loss (nats per character). */
function toEval(scores: Record<string, [number, number, number]>, bitsPerCharacter: boolean): EvalResult {
  const bySkill = Object.fromEntries(Object.entries(scores).map(([k, [acc, tokenAcc, loss]]) => [k, { acc, tokenAcc, loss, ...(bitsPerCharacter ? { bpc: loss / Math.LN2 } : {}) }]));
  const taskKey = Object.keys(scores).find((k) => k.startsWith('task:'));
  if (taskKey === undefined) bySkill['task:'] = { acc: 0, tokenAcc: 0, loss: 0 };
  return toEvalResult(bySkill, taskKey ?? 'task:', Object.keys(scores).filter((k) => !k.startsWith('task:')));
}

/** A shared run as a config and the events that draw its charts (baseline, evaluations, done). */
export function fromSharedRun(shared: SharedRun): { config: ExperimentConfig; events: ExperimentEvent[]; errors: string[] } {
  const { config, errors } = applySettings(defaultConfig(), shared.settings);
  const events: ExperimentEvent[] = [];
  const lastIndex = shared.points.length - 1;
  shared.points.forEach((p, i) => {
    const ev = toEval(p.scores, describeScenario(config.scenario).metrics.bitsPerCharacter);
    const evalSize = p.size ?? DEFAULT_EVAL_SIZE;
    if (p.step === 0 && i === 0) events.push({ type: 'baseline', eval: ev, evalSize, samples: [] });
    else
      events.push({
        type: 'eval',
        step: p.step,
        eval: ev,
        evalSize,
        drift: { total: i === lastIndex && shared.drift ? Math.hypot(...Object.values(shared.drift)) : 0, byLayer: i === lastIndex ? (shared.drift ?? {}) : {} },
      });
  });
  events.push({ type: 'done', summary: shared.summary });
  return { config, events, errors: errors.map((e) => `${e.key}: ${e.message}`) };
}

export function encodeResults(runs: SharedRun[]): string {
  return LZString.compressToEncodedURIComponent(JSON.stringify({ format: 'forgetting-lab-results/1', runs }));
}

/** Never throws: garbled, truncated or foreign data comes back as a readable error. */
export function decodeResults(text: string): { runs: SharedRun[]; error?: string } {
  let json: string | null;
  try {
    json = LZString.decompressFromEncodedURIComponent(text);
  } catch {
    json = null;
  }
  if (!json) return { runs: [], error: 'the shared results are garbled or cut short (could not decompress)' };
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    return { runs: [], error: 'the shared results are garbled or cut short (not valid JSON)' };
  }
  const parsed = resultsSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { runs: [], error: `the shared results are not in a form this lab reads (${issue.path.join('.') || 'top'}: ${issue.message})` };
  }
  return { runs: parsed.data.runs };
}

/** Whether a re-run reproduced a shared run: every evaluation's scores, to the precision shared. */
export function compareWithShared(
  shared: SharedRun,
  rerun: { config: ExperimentConfig; events: readonly ExperimentEvent[] },
): { match: boolean; detail: string } {
  const again = toSharedRun({ name: shared.name, backend: '', config: rerun.config, events: [...rerun.events] });
  if (!again) return { match: false, detail: 'the re-run did not finish' };
  if (again.points.length !== shared.points.length) {
    return { match: false, detail: `${again.points.length} evaluations instead of ${shared.points.length}` };
  }
  for (let i = 0; i < shared.points.length; i++) {
    const a = shared.points[i];
    const b = again.points[i];
    for (const [skill, values] of Object.entries(a.scores)) {
      const other = b.scores[skill];
      if (!other || values.some((v, j) => Math.abs(v - other[j]) > 2e-5)) {
        return { match: false, detail: `differs at step ${a.step} on ${skill.replace('task:', 'task ')}: ${values[0]} shared vs ${other?.[0]} now` };
      }
    }
  }
  return { match: true, detail: `all ${shared.points.length} evaluations match` };
}
