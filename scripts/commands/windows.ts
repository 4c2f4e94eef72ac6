/**
 * `lab windows`: how far a text run's scores, read from the 16 held-out
 * windows per source a run reads, are from the same scores on every held-out
 * window. One run of the config (text-ignore unless told), its base model and
 * its last weights scored window by window on every held-out window of the
 * domain and the genres; then, for each score (per source, the general mean,
 * the domain gain, the forgetting): its value on the run's windows, on all of
 * them, the standard error of a reading from 16 windows drawn at random, and
 * the spread over other evenly spaced draws of 16 (heldOutWindows' phase).
 */
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { Gpt } from '../../src/engine/model/model';
import { findSource, generalSources, heldOutWindows, type TextSource, type TextWindow } from '../../src/engine/scenarios/text/corpus';
import { TextEvaluator, type WindowCounts } from '../../src/engine/scenarios/text/textEvaluate';
import { registerRuntime, scenarioRuntime } from '../../src/engine/scenarios/runtimes';
import { configFromOptions } from '../lib/experimentConfig';
import { parseBackendOption } from '../lib/backendOption';
import { startNodeBackend } from '../lib/nodeBackend';
import { Progress } from '../lib/progress';
import { runOnce } from '../lib/runOnce';
import { readScenarioAssets } from '../lib/scenarioAssets';
import { ALL_WINDOWS } from '../lib/textBaseReport';
import { randomDrawSe, spread, valueOn, valueOnAll, type Term } from '../lib/windowStats';

interface Reading {
  quantity: string;
  /** Accuracies and gains are fractions (shown as points), BPC is bits. */
  unit: 'acc' | 'bpc';
  /** On the windows the run read (phase 0.5). */
  drawn: number;
  all: number;
  /** Standard error of a reading from `windowsPerRun` windows per source drawn at random without replacement. */
  randomSe: number;
  /** Over evenly spaced draws of the same size at `phases` phases in [0, 1). */
  phases: { mean: number; sd: number; min: number; max: number };
}

const key = (w: TextWindow) => `${w.document}:${w.origin}`;

/** Where each evenly spaced draw's windows sit in the list of all of them. */
function picksAt(sources: readonly TextSource[], all: Record<string, WindowCounts[]>, n: number, context: number, phase: number): Record<string, number[]> {
  return Object.fromEntries(
    sources.map((source) => {
      const index = new Map(all[source.name].map((c, i) => [key(c.window), i]));
      return [source.name, heldOutWindows(source, n, context, phase).map((w) => index.get(key(w))!)];
    }),
  );
}

export async function windowsCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      preset: { type: 'string', default: 'text-ignore' },
      set: { type: 'string', multiple: true },
      phases: { type: 'string', default: '64' },
      backend: { type: 'string', default: 'auto' },
      json: { type: 'boolean', default: false },
      out: { type: 'string' },
    },
    strict: true,
  });
  const phaseCount = Number(values.phases);
  if (!Number.isInteger(phaseCount) || phaseCount < 1) throw new Error(`--phases takes a whole number of at least 1, not '${values.phases}'`);
  const config = await configFromOptions({ preset: values.preset, sets: values.set });
  parseBackendOption(values.backend!);
  const backend = await startNodeBackend(values.backend);
  const assets = await readScenarioAssets(config.scenario);
  const { corpus } = assets;
  if (!corpus) throw new Error(`lab windows reads held-out text windows; the ${config.scenario} scenario has none`);
  const context = assets.base.manifest.dims.context;
  const general = generalSources(corpus);
  const sources = [findSource(corpus, config.domain), ...general];
  const everyWindow = new TextEvaluator(sources, assets.base.manifest.dims, ALL_WINDOWS);

  // The run's full evaluations (its baseline, its last) also score the model on every window.
  const scored: Record<string, WindowCounts[]>[] = [];
  const runtime = scenarioRuntime(config.scenario);
  registerRuntime(config.scenario, {
    ...runtime,
    open(runConfig, runAssets) {
      const run = runtime.open(runConfig, runAssets);
      return {
        ...run,
        evaluate: async (model: Gpt, live: boolean) => {
          const result = await run.evaluate(model, live);
          if (!live) scored.push(await everyWindow.windowCounts(model));
          return result;
        },
      };
    },
  });
  const progress = new Progress();
  let result;
  try {
    result = await runOnce(config, backend, assets, (e) => {
      if (e.type === 'step') progress.update(`step ${e.step}/${config.steps}  loss ${e.loss.toFixed(3)}  [${backend}]`, e.step === config.steps);
    });
  } finally {
    registerRuntime(config.scenario, runtime);
    progress.end();
  }
  if (result.error || !result.summary) throw new Error(`the run failed: ${result.error}`);
  const n = result.events.find((e) => e.type === 'baseline')!.evalSize;
  if (scored.length < 2) throw new Error('expected the base model and the last weights scored on every window');
  const [base, last] = [scored[0], scored.at(-1)!];

  const perWindow = (counts: Record<string, WindowCounts[]>, source: string, unit: 'acc' | 'bpc') =>
    counts[source].map((c) => (unit === 'acc' ? c.right / c.total : c.nats / c.total / Math.LN2));
  const one = (counts: Record<string, WindowCounts[]>, source: string, unit: 'acc' | 'bpc'): Term[] => [{ source, weight: 1, values: perWindow(counts, source, unit) }];
  const overGenres = (values: (source: string) => number[]): Term[] => general.map((g) => ({ source: g.name, weight: 1 / general.length, values: values(g.name) }));
  const difference = (a: number[], b: number[]) => a.map((x, i) => x - b[i]);
  const domain = config.domain;

  const quantities: { quantity: string; unit: 'acc' | 'bpc'; terms: Term[] }[] = [];
  for (const [model, counts] of [['base', base], ['last', last]] as const) {
    for (const unit of ['acc', 'bpc'] as const) {
      for (const source of sources) quantities.push({ quantity: `${model} ${unit} ${source.name}`, unit, terms: one(counts, source.name, unit) });
      quantities.push({ quantity: `${model} ${unit} general (mean of ${general.length} genres)`, unit, terms: overGenres((g) => perWindow(counts, g, unit)) });
    }
  }
  quantities.push({ quantity: `domain gain (${domain})`, unit: 'acc', terms: [{ source: domain, weight: 1, values: difference(perWindow(last, domain, 'acc'), perWindow(base, domain, 'acc')) }] });
  quantities.push({ quantity: 'forgetting (mean of the genres)', unit: 'acc', terms: overGenres((g) => difference(perWindow(base, g, 'acc'), perWindow(last, g, 'acc'))) });
  quantities.push({ quantity: `domain BPC change (${domain})`, unit: 'bpc', terms: [{ source: domain, weight: 1, values: difference(perWindow(last, domain, 'bpc'), perWindow(base, domain, 'bpc')) }] });
  quantities.push({ quantity: 'general BPC change (mean of the genres)', unit: 'bpc', terms: overGenres((g) => difference(perWindow(last, g, 'bpc'), perWindow(base, g, 'bpc'))) });

  const drawnPicks = picksAt(sources, base, n, context, 0.5);
  const phasePicks = Array.from({ length: phaseCount }, (_, k) => picksAt(sources, base, n, context, k / phaseCount));
  const readings: Reading[] = quantities.map(({ quantity, unit, terms }) => ({
    quantity,
    unit,
    drawn: valueOn(terms, drawnPicks),
    all: valueOnAll(terms),
    randomSe: randomDrawSe(terms, n),
    phases: spread(phasePicks.map((picks) => valueOn(terms, picks))),
  }));

  // The run's own summary is its reading on its windows: the window-by-window scores must give it back.
  const reading = (q: string) => readings.find((r) => r.quantity.startsWith(q))!;
  const checks: [string, number, number][] = [
    ['domain gain', result.summary.taskGain, reading('domain gain').drawn],
    ['forgetting', result.summary.forgetting, reading('forgetting').drawn],
    ['domain BPC', result.summary.taskBpc ?? NaN, reading(`last bpc ${domain}`).drawn],
    ['general BPC', result.summary.generalBpc ?? NaN, reading('last bpc general').drawn],
  ];
  for (const [name, run, here] of checks) {
    if (!(Math.abs(run - here) < 1e-9)) throw new Error(`the run's ${name} (${run}) is not the one its windows give (${here})`);
  }

  const windows = Object.fromEntries(sources.map((s) => [s.name, base[s.name].length]));
  const output = { config, backend, windowsPerRun: n, phases: phaseCount, windows, summary: result.summary, readings };
  if (values.out) await writeFile(values.out, JSON.stringify(output, null, 2) + '\n');
  if (values.json) {
    process.stdout.write(JSON.stringify(output) + '\n');
    return 0;
  }
  const show = (unit: 'acc' | 'bpc', x: number) => (unit === 'acc' ? (100 * x).toFixed(2) : x.toFixed(3));
  const lines = [
    `${config.scenario} ${config.domain}, seed ${config.seed}, ${config.steps} steps [${backend}]; held-out windows per source: ${Object.entries(windows)
      .map(([s, k]) => `${s} ${k}`)
      .join(', ')}`,
    `accuracy and gains in points, BPC in bits; "${n} windows" is what the run reads (phase 0.5); SE: ${n} windows at random; phases: ${phaseCount} evenly spaced draws of ${n}`,
    `| quantity | ${n} windows | all windows | SE (${n} at random) | sd over phases | phase range |`,
    '|---|---|---|---|---|---|',
    ...readings.map(
      (r) =>
        `| ${r.quantity} | ${show(r.unit, r.drawn)} | ${show(r.unit, r.all)} | ${show(r.unit, r.randomSe)} | ${show(r.unit, r.phases.sd)} | ${show(r.unit, r.phases.min)} … ${show(r.unit, r.phases.max)} |`,
    ),
  ];
  process.stdout.write(lines.join('\n') + '\n');
  return 0;
}
