import { beforeAll, describe, expect, it } from 'vitest';
import { useBackend } from '../backend/backends';
import { randomCheckpoint, TINY_DIMS } from '../testing/fixtures';
import { TINY_TEXT_DIMS, tinyTextCheckpoint } from '../testing/textFixtures';
import { decodeCheckpoint, encodeCheckpoint, parseCheckpointManifest, scenarioOf } from './format';

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

  it('record the scenario a model was made for, and check its vocabulary against that scenario’s', async () => {
    const { values } = tinyTextCheckpoint();
    const { manifest, weights } = await encodeCheckpoint(TINY_TEXT_DIMS, values, { training: {}, accuracy: {}, seenTokens: [] }, 'weights.bin', 'text');
    const back = decodeCheckpoint(parseCheckpointManifest(JSON.parse(JSON.stringify(manifest))), weights);
    expect(scenarioOf(back.manifest)).toBe('text');
    expect(back.manifest.dims.tiedHead).toBe(true);
    expect(Object.keys(back.values)).not.toContain('head.weight');
    for (const [name, v] of Object.entries(values)) expect(back.values[name]).toEqual(v);
    expect(() => decodeCheckpoint({ ...manifest, scenario: undefined }, weights)).toThrow(/made for skill suite|vocabulary differs from this build's skills vocabulary/);
    expect(() => decodeCheckpoint({ ...manifest, vocabulary: manifest.vocabulary.slice(1) }, weights)).toThrow(/vocabulary differs from this build's text vocabulary/);
  });

  it('name what is wrong with a manifest or a weights file', async () => {
    const { manifest, weights } = await encodeCheckpoint(TINY_DIMS, randomCheckpoint().values, { training: {}, accuracy: {}, seenTokens: [] });
    expect(() => parseCheckpointManifest({ ...manifest, dims: { ...manifest.dims, dModel: 'big' } })).toThrow(/manifest is not one this lab reads \(dims.dModel: /);
    expect(() => parseCheckpointManifest({ ...manifest, weightsFile: '../../etc/passwd' })).toThrow(/weightsFile/);
    expect(() => decodeCheckpoint(manifest, weights.slice(0, 100))).toThrow(/the weights file ends before/);
    expect(() => decodeCheckpoint({ ...manifest, format: 'other/1' }, weights)).toThrow(/unknown checkpoint format/);
  });
});
