import { beforeAll, describe, expect, it } from 'vitest';
import { useBackend } from '../backend/backends';
import { randomCheckpoint, TINY_DIMS } from '../testing/fixtures';
import { decodeCheckpoint, encodeCheckpoint, parseCheckpointManifest } from './format';

beforeAll(async () => {
  await useBackend('cpu');
});

describe('checkpoints', () => {
  it('decode to exactly the values encoded', async () => {
    const { values } = randomCheckpoint();
    const { manifest, weights } = await encodeCheckpoint(TINY_DIMS, values, { training: {}, accuracy: {}, seenTokens: [0, 1] });
    const back = decodeCheckpoint(parseCheckpointManifest(JSON.parse(JSON.stringify(manifest))), weights);
    for (const [name, v] of Object.entries(values)) expect(back.values[name]).toEqual(v);
  });

  it('name what is wrong with a manifest or a weights file', async () => {
    const { manifest, weights } = await encodeCheckpoint(TINY_DIMS, randomCheckpoint().values, { training: {}, accuracy: {}, seenTokens: [] });
    expect(() => parseCheckpointManifest({ ...manifest, dims: { ...manifest.dims, dModel: 'big' } })).toThrow(/manifest is not one this lab reads \(dims.dModel: /);
    expect(() => parseCheckpointManifest({ ...manifest, weightsFile: '../../etc/passwd' })).toThrow(/weightsFile/);
    expect(() => decodeCheckpoint(manifest, weights.slice(0, 100))).toThrow(/the weights file ends before/);
    expect(() => decodeCheckpoint({ ...manifest, format: 'other/1' }, weights)).toThrow(/unknown checkpoint format/);
  });
});
