/** `lab pretrain`: trains the base model from a seed and writes it under public/models/. */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { encodeCheckpoint } from '../../src/engine/checkpoint/format';
import { DEFAULT_PRETRAIN, pretrain, pretrainTokens } from '../../src/engine/experiment/pretrain';
import { BASE_MODEL_DIR, REPO_ROOT, writeCheckpoint } from '../lib/checkpointFiles';
import { startNodeBackend } from '../lib/nodeBackend';
import { Progress } from '../lib/progress';

export async function pretrainCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      seed: { type: 'string', default: String(DEFAULT_PRETRAIN.seed) },
      steps: { type: 'string', default: String(DEFAULT_PRETRAIN.steps) },
      out: { type: 'string' },
    },
    strict: true,
  });
  const seed = Number(values.seed);
  const steps = Number(values.steps);
  if (!Number.isInteger(seed) || seed < 0) throw new Error(`--seed must be a whole number ≥ 0, not '${values.seed}'`);
  if (!Number.isInteger(steps) || steps < 1) throw new Error(`--steps must be a whole number ≥ 1, not '${values.steps}'`);
  const outDir = values.out ? join(REPO_ROOT, values.out) : BASE_MODEL_DIR;
  const spec = { ...DEFAULT_PRETRAIN, seed, steps };
  const backend = await startNodeBackend('auto');
  process.stderr.write(`pre-training on ${backend}: ${JSON.stringify(spec)}\n`);
  const progress = new Progress();
  const started = Date.now();
  for await (const e of pretrain(spec)) {
    if (e.type === 'step') progress.update(`step ${e.step}/${steps}  loss ${e.loss.toFixed(4)}  lr ${e.lr.toExponential(2)}`);
    if (e.type === 'eval') {
      progress.update(`step ${e.step}: ${Object.entries(e.scores).map(([k, s]) => `${k} ${(100 * s.acc).toFixed(1)}%`).join(', ')}`, true);
    }
    if (e.type === 'done') {
      progress.end();
      const accuracy = Object.fromEntries(Object.entries(e.scores).map(([k, s]) => [k, s.acc]));
      const training = { ...spec, backend, seconds: Math.round((Date.now() - started) / 1000) };
      const { manifest, weights } = await encodeCheckpoint(spec.dims, e.values, { training, accuracy, seenTokens: pretrainTokens() });
      await writeCheckpoint(outDir, manifest, weights);
      process.stdout.write(`wrote ${outDir}: ${Object.entries(accuracy).map(([k, a]) => `${k} ${(100 * a).toFixed(1)}%`).join(', ')}\n`);
    }
  }
  return 0;
}
