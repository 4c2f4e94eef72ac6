/**
 * `lab pretrain`: trains a scenario's base model from a seed and writes it
 * under public/models/ (`--set scenario=text` for the text model).
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { encodeCheckpoint } from '../../src/engine/checkpoint/format';
import { DEFAULT_PRETRAIN, pretrain, pretrainTokens } from '../../src/engine/experiment/pretrain';
import { DEFAULT_TEXT_PRETRAIN, pretrainText, seenSymbols } from '../../src/engine/scenarios/text/textPretrain';
import type { ScenarioName } from '../../src/engine/scenarios/names';
import { describeScenario } from '../../src/engine/scenarios/registry';
import { REPO_ROOT, writeCheckpoint } from '../lib/checkpointFiles';
import { configFromOptions } from '../lib/experimentConfig';
import { startNodeBackend } from '../lib/nodeBackend';
import { Progress } from '../lib/progress';
import { measureTextBase } from '../lib/textBaseReport';
import { readTextCorpus } from '../lib/textCorpusFiles';

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

interface PretrainJob {
  seed?: string;
  steps?: string;
  outDir: string;
  backend: string;
  seconds: () => number;
  progress: Progress;
}

const wholeNumber = (text: string | undefined, fallback: number, name: string, min: number) => {
  const n = Number(text ?? fallback);
  if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be a whole number ≥ ${min}, not '${text}'`);
  return n;
};

/** The skills model: digit-string skills from the skill suite. */
async function pretrainSkills({ seed: seedText, steps: stepsText, outDir, backend, seconds, progress }: PretrainJob): Promise<void> {
  const seed = wholeNumber(seedText, DEFAULT_PRETRAIN.seed, 'seed', 0);
  const steps = wholeNumber(stepsText, DEFAULT_PRETRAIN.steps, 'steps', 1);
  const spec = { ...DEFAULT_PRETRAIN, seed, steps };
  process.stderr.write(`pre-training on ${backend}: ${JSON.stringify(spec)}\n`);
  for await (const e of pretrain(spec)) {
    if (e.type === 'step') progress.update(`step ${e.step}/${steps}  loss ${e.loss.toFixed(4)}  lr ${e.lr.toExponential(2)}`);
    if (e.type === 'eval') {
      progress.update(`step ${e.step}: ${Object.entries(e.scores).map(([k, s]) => `${k} ${pct(s.acc)}`).join(', ')}`, true);
    }
    if (e.type === 'done') {
      progress.end();
      const accuracy = Object.fromEntries(Object.entries(e.scores).map(([k, s]) => [k, s.acc]));
      const training = { ...spec, backend, seconds: seconds() };
      const { manifest, weights } = await encodeCheckpoint(spec.dims, e.values, { training, accuracy, seenTokens: pretrainTokens() }, 'weights.bin', 'skills');
      await writeCheckpoint(outDir, manifest, weights);
      process.stdout.write(`wrote ${outDir}: ${Object.entries(accuracy).map(([k, a]) => `${k} ${pct(a)}`).join(', ')}\n`);
    }
  }
}

/** The English model: the Brown Corpus's general prose. */
async function pretrainEnglish({ seed: seedText, steps: stepsText, outDir, backend, seconds, progress }: PretrainJob): Promise<void> {
  const seed = wholeNumber(seedText, DEFAULT_TEXT_PRETRAIN.seed, 'seed', 0);
  const steps = wholeNumber(stepsText, DEFAULT_TEXT_PRETRAIN.steps, 'steps', 1);
  const spec = { ...DEFAULT_TEXT_PRETRAIN, seed, steps };
  const corpus = await readTextCorpus();
  process.stderr.write(`pre-training the text model on ${backend}: ${JSON.stringify(spec)}\n`);
  for await (const e of pretrainText(spec, corpus)) {
    if (e.type === 'step') progress.update(`step ${e.step}/${steps}  loss ${e.loss.toFixed(4)} nats (${(e.loss / Math.LN2).toFixed(3)} bpc)  lr ${e.lr.toExponential(2)}  ${seconds()} s`);
    if (e.type === 'eval') {
      progress.update(`step ${e.step}: ${Object.entries(e.scores).map(([k, s]) => `${k} ${s.bpc!.toFixed(2)}`).join(', ')} bpc (${seconds()} s)`, true);
    }
    if (e.type === 'done') {
      progress.end();
      const report = await measureTextBase(spec.dims, e.values, corpus);
      const training = { ...spec, backend, seconds: seconds(), heldOut: report.bySource, generalHeldOut: report.general, realWords: report.realWords, samples: report.examples };
      const accuracy = Object.fromEntries(Object.entries(report.bySource).map(([k, s]) => [k, s.acc]));
      const { manifest, weights } = await encodeCheckpoint(spec.dims, e.values, { training, accuracy, seenTokens: seenSymbols(corpus) }, 'weights.bin', 'text');
      await writeCheckpoint(outDir, manifest, weights);
      const rows = Object.entries(report.bySource).map(([k, s]) => `  ${k.padEnd(15)} ${s.bpc!.toFixed(3)} bpc  ${pct(s.acc)} next-char  (${s.chars} chars)`);
      process.stdout.write(
        `wrote ${outDir} in ${seconds()} s\n  general prose  ${report.general.bpc!.toFixed(3)} bpc  ${pct(report.general.acc)} next-char  (${report.general.chars} chars)\n${rows.join('\n')}\n` +
          `  real-word share at temperature ${report.realWords.temperature}: ${pct(report.realWords.asRunsDraw)} as runs draw, ${pct(report.realWords.manyDraws)} over ${report.realWords.samples} samples\n` +
          report.examples.map((x) => `  ${JSON.stringify(x)}`).join('\n') +
          '\n',
      );
    }
  }
}

/** Each scenario's pre-training recipe: a new scenario adds its own here. */
const PRETRAIN: Record<ScenarioName, (job: PretrainJob) => Promise<void>> = { skills: pretrainSkills, text: pretrainEnglish };

export async function pretrainCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      seed: { type: 'string' },
      steps: { type: 'string' },
      out: { type: 'string' },
      set: { type: 'string', multiple: true },
    },
    strict: true,
  });
  // Only the scenario is read from the settings: pre-training has its own recipe.
  const { scenario } = await configFromOptions({ sets: values.set });
  const outDir = join(REPO_ROOT, values.out ?? join('public', describeScenario(scenario).assets.model));
  const backend = await startNodeBackend('auto');
  const started = Date.now();
  await PRETRAIN[scenario]({ seed: values.seed, steps: values.steps, outDir, backend, seconds: () => Math.round((Date.now() - started) / 1000), progress: new Progress() });
  return 0;
}
