/**
 * The engine's forward pass against an independent reference: logits of the
 * two shipped base models for fixed inputs, computed in PyTorch (float64) from
 * the checkpoint files alone by scripts/reference/reference_logits.py and
 * committed beside it. The engine computes in float32 (about 2e-5 from the
 * float64 values on these models), so 1e-4 leaves room for rounding and for
 * nothing else: a wrong eps, GELU variant, scaling, mask or head shows up.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCheckpoint, REPO_ROOT } from '../../../scripts/lib/checkpointFiles';
import { useBackend, type BackendName } from '../backend/backends';
import * as tf from '../tf';
import type { ModelDims } from './dims';
import { modelInput } from './input';
import { Gpt } from './model';

const TOLERANCE = 1e-4;
const REFERENCE_FILE = join(REPO_ROOT, 'scripts/reference/reference-logits.json');
const REGENERATE = 'python3 scripts/reference/reference_logits.py';

interface ReferenceModel {
  scenario: string;
  dir: string;
  weights: { file: string; bytes: number; sha256: string };
  dims: ModelDims;
  sequences: Array<{ text: string; ids: number[]; logits: number[][] }>;
}

const reference = JSON.parse(await readFile(REFERENCE_FILE, 'utf8')) as { models: ReferenceModel[] };
const BACKENDS: BackendName[] = ['cpu', 'wasm'];

beforeAll(async () => {
  await useBackend('cpu');
});

describe.each(reference.models)('the $scenario base model against PyTorch', (ref) => {
  let model: Gpt;

  beforeAll(async () => {
    const dir = join(REPO_ROOT, ref.dir);
    const weights = await readFile(join(dir, ref.weights.file));
    const sha256 = createHash('sha256').update(weights).digest('hex');
    if (sha256 !== ref.weights.sha256) {
      throw new Error(`${ref.dir}/${ref.weights.file} is not the checkpoint the reference was made from (sha256 ${sha256}, reference ${ref.weights.sha256}): rerun ${REGENERATE}`);
    }
    const checkpoint = await readCheckpoint(dir);
    expect(checkpoint.manifest.dims).toEqual(ref.dims);
    model = new Gpt(checkpoint.manifest.dims, checkpoint.values);
  });

  afterAll(() => model?.dispose());

  it.each(BACKENDS)('gives the reference logits on %s, every position, to 1e-4', async (backend) => {
    await useBackend(backend);
    for (const { text, ids, logits: expected } of ref.sequences) {
      const logits = tf.tidy(() => model.logits(modelInput(Int32Array.from(ids), 1, ids.length, model.dims)));
      expect(logits.shape).toEqual([ids.length, ref.dims.vocabSize]);
      const got = (await logits.data()) as Float32Array;
      logits.dispose();
      let worst = { delta: 0, position: 0, token: 0 };
      expected.forEach((row, t) =>
        row.forEach((want, v) => {
          const delta = Math.abs(got[t * row.length + v] - want);
          // NaN fails too: it is never ≤ the worst so far, so check it by name.
          if (!(delta <= worst.delta)) worst = { delta: Number.isNaN(delta) ? Infinity : delta, position: t, token: v };
        }),
      );
      expect(worst.delta, `${JSON.stringify(text)}: max |Δ| ${worst.delta.toExponential(2)} at position ${worst.position}, token ${worst.token}`).toBeLessThanOrEqual(TOLERANCE);
    }
  });
});
