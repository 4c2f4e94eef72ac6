/**
 * `lab pretrain`: trains a scenario's base model from a seed and writes it
 * under public/models/ (`--set scenario=text` for the text model).
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { encodeCheckpoint } from '../../src/engine/checkpoint/format';
import { DEFAULT_PRETRAIN, pretrain, pretrainTokens } from '../../src/engine/experiment/pretrain';
import { DEFAULT_TEXT_PRETRAIN, pretrainText, seenSymbols } from '../../src/engine/scenarios/text/textPretrain';
import { BASE_MODEL_DIR, REPO_ROOT, TEXT_MODEL_DIR, writeCheckpoint } from '../lib/checkpointFiles';
import { configFromOptions } from '../lib/experimentConfig';
import { startNodeBackend } from '../lib/nodeBackend';
import { Progress } from '../lib/progress';
import { measureTextBase } from '../lib/textBaseReport';
import { readTextCorpus } from '../lib/textCorpusFiles';

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

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
  const defaults = scenario === 'text' ? DEFAULT_TEXT_PRETRAIN : DEFAULT_PRETRAIN;
  const seed = Number(values.seed ?? defaults.seed);
  const steps = Number(values.steps ?? defaults.steps);
  if (!Number.isInteger(seed) || seed < 0) throw new Error(`--seed must be a whole number ≥ 0, not '${values.seed}'`);
  if (!Number.isInteger(steps) || steps < 1) throw new Error(`--steps must be a whole number ≥ 1, not '${values.steps}'`);
  const outDir = values.out ? join(REPO_ROOT, values.out) : scenario === 'text' ? TEXT_MODEL_DIR : BASE_MODEL_DIR;
  const backend = await startNodeBackend('auto');
  const started = Date.now();
  const progress = new Progress();
  const seconds = () => Math.round((Date.now() - started) / 1000);

  if (scenario === 'text') {
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
    return 0;
  }

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
      const { manifest, weights } = await encodeCheckpoint(spec.dims, e.values, { training, accuracy, seenTokens: pretrainTokens() });
      await writeCheckpoint(outDir, manifest, weights);
      process.stdout.write(`wrote ${outDir}: ${Object.entries(accuracy).map(([k, a]) => `${k} ${pct(a)}`).join(', ')}\n`);
    }
  }
  return 0;
}
