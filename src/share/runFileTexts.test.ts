import { describe, expect, it } from 'vitest';
import { configSchema } from '../engine/config/schema';
import { customTextHashes, runsFromJson, runsToJson } from './runFile';

const HASH = 'ab'.repeat(32);
const custom = configSchema.parse({ scenario: 'text', domain: 'custom', domainHash: HASH, domainName: 'essay.txt' });
const code = configSchema.parse({ scenario: 'text' });

describe('run files with a text of one’s own', () => {
  it('carry the text beside the runs that trained on it, each text once, and read it back', () => {
    const runs = [
      { name: 'a', config: custom, backend: 'wasm', events: [] },
      { name: 'b', config: { ...custom, seed: 2 }, backend: 'wasm', events: [] },
      { name: 'c', config: code, backend: 'wasm', events: [] },
    ];
    expect(customTextHashes(runs)).toEqual([HASH]);
    const text = { sha256: HASH, name: 'essay.txt', text: 'Once upon a time.' };
    const back = runsFromJson(runsToJson(runs, {}, [text]));
    expect(back.error).toBeUndefined();
    expect(back.texts).toEqual([text]);
    expect(back.runs.map((r) => [r.config.domain, r.config.domainHash, r.config.domainName])).toEqual([
      ['custom', HASH, 'essay.txt'],
      ['custom', HASH, 'essay.txt'],
      ['code', '', ''],
    ]);
    // A file without texts (as before) reads as it did.
    expect(runsFromJson(runsToJson(runs)).texts).toEqual([]);
  });

  it('refuses a text filed under something that is not a sha256', () => {
    const json = JSON.parse(runsToJson([], {}, [{ sha256: 'not-a-hash', name: 'x', text: 'y' }]));
    expect(runsFromJson(JSON.stringify(json)).error).toMatch(/texts\.0\.sha256/);
  });
});
