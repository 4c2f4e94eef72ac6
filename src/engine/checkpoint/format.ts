/**
 * Checkpoints: the weights in tfjs's own binary weight encoding (tf.io) plus a
 * JSON manifest with the scenario it was made for, the model dims, the
 * vocabulary, the version of the scenario's data and the accuracy measured on
 * the held-out sets when it was written.
 * Reading and writing files is the host's job (Node script or fetch in the page).
 */
import { z } from 'zod';
import type { ModelDims } from '../model/dims';
import * as tf from '../tf';
import { paramShapes } from '../model/shapes';
import { SCENARIOS, type ScenarioName } from '../scenarios/names';
import { describeScenario } from '../scenarios/registry';

/** Checkpoints written before there were scenarios name none: they are the skills model's, and it still writes none. */
const LEGACY_SCENARIO: ScenarioName = 'skills';

export const CHECKPOINT_FORMAT = 'forgetting-lab-checkpoint/1';

const count = z.number().int().positive();

/** The manifest beside the weights: checked when read, so a wrong or damaged file is named, not half-used. */
const checkpointManifestSchema = z.object({
  format: z.string(),
  /** The scenario the model was made for (absent: skills, as before there were two). */
  scenario: z.enum(SCENARIOS).optional(),
  dims: z.object({ vocabSize: count, context: count, dModel: count, nLayers: count, nHeads: count, dFF: count, tiedHead: z.boolean().optional() }),
  vocabulary: z.array(z.string()),
  /** The version of the scenario's data it was made for: the skill suite's, or the text corpus manifest's. */
  suiteVersion: z.number().int(),
  weightsFile: z.string().regex(/^[\w.-]+$/, 'a plain file name'),
  weightSpecs: z.array(z.object({ name: z.string(), shape: z.array(z.number().int().nonnegative()), dtype: z.string(), quantization: z.unknown().optional() })),
  /** How it was made (seed, steps, ...), for people. */
  training: z.record(z.string(), z.unknown()),
  /** Exact-match accuracy per skill and task on the held-out sets, measured at save time. */
  accuracy: z.record(z.string(), z.number()),
  /** Token ids that appeared in training; the rest are new to this model. */
  seenTokens: z.array(z.number().int().nonnegative()),
});

export type CheckpointManifest = z.infer<typeof checkpointManifestSchema>;

/** Reads a manifest's JSON, naming the first thing wrong with it. */
export function parseCheckpointManifest(data: unknown): CheckpointManifest {
  const parsed = checkpointManifestSchema.safeParse(data);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new Error(`the base model's manifest is not one this lab reads (${issue.path.join('.') || 'top'}: ${issue.message})`);
}

/** The scenario a checkpoint was made for. */
export function scenarioOf(manifest: Pick<CheckpointManifest, 'scenario'>): ScenarioName {
  return manifest.scenario ?? LEGACY_SCENARIO;
}

export interface Checkpoint {
  manifest: CheckpointManifest;
  values: Record<string, Float32Array>;
}

export async function encodeCheckpoint(
  dims: ModelDims,
  values: Record<string, Float32Array>,
  info: Pick<CheckpointManifest, 'training' | 'accuracy' | 'seenTokens'>,
  weightsFile = 'weights.bin',
  scenario: ScenarioName = LEGACY_SCENARIO,
): Promise<{ manifest: CheckpointManifest; weights: ArrayBuffer }> {
  const shapes = paramShapes(dims);
  const tensors: tf.NamedTensorMap = {};
  for (const [name, shape] of Object.entries(shapes)) tensors[name] = tf.tensor(values[name], shape);
  const { data, specs } = await tf.io.encodeWeights(tensors);
  tf.dispose(Object.values(tensors));
  const manifest: CheckpointManifest = {
    format: CHECKPOINT_FORMAT,
    ...(scenario === LEGACY_SCENARIO ? {} : { scenario }),
    dims,
    vocabulary: [...describeScenario(scenario).checkpoint.vocabulary],
    suiteVersion: describeScenario(scenario).checkpoint.suiteVersion,
    weightsFile,
    weightSpecs: specs,
    ...info,
  };
  return { manifest, weights: data };
}

/** Checks the manifest against this build's vocabulary and suite, then decodes the weights. */
export function decodeCheckpoint(manifest: CheckpointManifest, weights: ArrayBuffer): Checkpoint {
  if (manifest.format !== CHECKPOINT_FORMAT) throw new Error(`unknown checkpoint format '${manifest.format}'`);
  const madeFor = describeScenario(scenarioOf(manifest)).checkpoint;
  if (manifest.suiteVersion !== madeFor.suiteVersion) {
    throw new Error(`checkpoint was made for ${madeFor.suite} v${manifest.suiteVersion}, this build has v${madeFor.suiteVersion}`);
  }
  if (JSON.stringify(manifest.vocabulary) !== JSON.stringify(madeFor.vocabulary)) {
    throw new Error(`checkpoint vocabulary differs from this build's ${scenarioOf(manifest)} vocabulary`);
  }
  // Read on the host, not through tensors: a GPU backend can only read back asynchronously.
  const stored: Record<string, Float32Array> = {};
  let offset = 0;
  for (const spec of manifest.weightSpecs) {
    if (spec.dtype !== 'float32' || spec.quantization) throw new Error(`'${spec.name}' is stored as ${spec.dtype}${spec.quantization ? ' (quantised)' : ''}: only plain float32 is read`);
    const size = spec.shape.reduce((a, b) => a * b, 1);
    if (offset + size * 4 > weights.byteLength) throw new Error(`the weights file ends before '${spec.name}'`);
    stored[spec.name] = new Float32Array(weights.slice(offset, offset + size * 4));
    offset += size * 4;
  }
  const values: Record<string, Float32Array> = {};
  for (const [name, shape] of Object.entries(paramShapes(manifest.dims))) {
    const spec = manifest.weightSpecs.find((s) => s.name === name);
    if (!spec || !stored[name]) throw new Error(`checkpoint lacks '${name}'`);
    if (JSON.stringify(spec.shape) !== JSON.stringify(shape)) throw new Error(`'${name}' has shape ${spec.shape}, expected ${shape}`);
    values[name] = stored[name];
  }
  return { manifest, values };
}
