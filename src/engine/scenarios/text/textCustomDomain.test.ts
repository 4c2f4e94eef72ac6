import { describe, expect, it } from 'vitest';
import { configSchema } from '../../config/schema';
import { tinyTextAssets } from '../../testing/textFixtures';
import { customSource, sha256Hex } from './customText';
import { decodeText } from './textVocab';
import { textScenario } from './textScenario';

const TEXT = 'Def main():\n    return 42  # the answer\n'.repeat(400);

async function custom(text = TEXT) {
  return { source: customSource(text, 'main.py'), sha256: await sha256Hex(text) };
}

describe('the custom domain in the text scenario', () => {
  it('trains on the text’s training split, in the vocabulary, and keys its baseline by the text’s hash', async () => {
    const customDomain = await custom();
    const config = configSchema.parse({ scenario: 'text', domain: 'custom', domainHash: customDomain.sha256, domainName: 'main.py', batchSize: 4 });
    const run = textScenario.open(config, { ...tinyTextAssets(), customDomain });
    const batch = run.nextBatch();
    const row = decodeText(batch.inputs.subarray(0, batch.length));
    expect(customDomain.source.train!.text).toContain(row);
    expect(row).toMatch(/^[a-z0-9 \n():#]+$/);
    expect(run.baselineKey).toContain(customDomain.sha256);
    const other = await custom(`${TEXT}x`);
    const otherRun = textScenario.open({ ...config, domainHash: other.sha256 }, { ...tinyTextAssets(), customDomain: other });
    expect(otherRun.baselineKey).not.toBe(run.baselineKey);
  });

  it('refuses to train on another text than the config names, or on none', async () => {
    const customDomain = await custom();
    const config = configSchema.parse({ scenario: 'text', domain: 'custom', domainHash: 'ab'.repeat(32), domainName: 'essay.txt' });
    expect(() => textScenario.open(config, { ...tinyTextAssets(), customDomain })).toThrow(/not the abababababab… the run names: refusing to train on another text/);
    expect(() => textScenario.open(config, tinyTextAssets())).toThrow(/trains on 'essay\.txt' \(domain=custom\), and no text was given/);
  });

  it('reads the text by hash through the host’s reader, and names what a re-run needs when it is missing or different', async () => {
    const hash = await sha256Hex(TEXT);
    const config = configSchema.parse({ scenario: 'text', domain: 'custom', domainHash: hash, domainName: 'main.py' });
    // The shipped files never arrive here: what is said is about the text alone.
    const pending = () => new Promise<never>(() => {});
    const failing = { json: pending, bytes: pending, text: pending };
    await expect(textScenario.loadAssets({ config }, { ...failing, customText: () => Promise.reject(new Error('this browser has no text with that hash')) })).rejects.toThrow(
      /trains on 'main\.py' \(sha256 [0-9a-f]{12}…\), which is not here: add that same file \(or import the run file that holds it\)/,
    );
    await expect(textScenario.loadAssets({ config }, { ...failing, customText: async () => ({ name: 'main.py', text: `${TEXT} ` }) })).rejects.toThrow(/refusing to train on another text/);
  });
});

describe('a run on a text of one’s own', () => {
  it('is named by its text, so two texts are told apart', async () => {
    const { runName } = await import('../../config/naming');
    const base = configSchema.parse({ scenario: 'text', domain: 'custom', domainHash: 'ab'.repeat(32) });
    expect(runName({ ...base, domainName: 'gyp-python.txt' })).toMatch(/^gyp-python\.txt/);
    expect(runName({ ...base, domainName: 'my essay.md' })).toMatch(/^my essay\.md/);
  });
});
