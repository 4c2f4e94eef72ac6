import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { heldOutWindows, HELD_OUT_FRACTION } from './corpus';
import { CUSTOM_MAX_BYTES, CUSTOM_MIN_CHARS, customSource, CustomTextError, describeChanges, keepOwnText, readCustomText, sha256Hex } from './customText';
import { normalizeText, vocabularyChanges } from './textVocab';

/** Prose of about `chars` characters, words from a small list, sentences capitalised. */
function prose(chars: number): string {
  const words = ['the', 'river', 'ran', 'past', 'a', 'mill', 'where', 'she', 'said', 'nothing', 'at', 'all'];
  const out: string[] = [];
  let length = 0;
  for (let i = 0; length <= chars; i++) {
    const w = i % 9 === 0 ? `${words[i % words.length][0].toUpperCase()}${words[i % words.length].slice(1)}` : words[(i * 7) % words.length];
    out.push(w);
    length += w.length + 1;
  }
  return out.join(' ').slice(0, chars);
}

const bytes = (text: string) => new TextEncoder().encode(text);

async function refusal(input: string | Uint8Array, name = 'notes.txt'): Promise<string> {
  try {
    await readCustomText(input, name);
  } catch (err) {
    expect(err).toBeInstanceOf(CustomTextError);
    return (err as Error).message;
  }
  throw new Error('it was accepted');
}

describe('a text of one’s own', () => {
  it('counts what the vocabulary changes, by the rules normalizeText applies', () => {
    const text = 'Café — naïve 😀 Text\twith\r\nlines';
    const changes = vocabularyChanges(text);
    // é, —, ï, 😀 (one character though two code units) are replaced; C and T lowered; tab and CR are layout.
    expect(changes).toEqual({ characters: [...text].length, lowered: 2, replaced: 4 });
    // Each replaced character is one space in the normalised text, as many as the count says beyond the source's own spaces.
    const spaces = (s: string) => s.split(' ').length - 1;
    expect(spaces(normalizeText(text)) - spaces(text)).toBe(changes.replaced + 2); // + the tab's two spaces
    expect(describeChanges({ characters: 1000, lowered: 0, replaced: 41 })).toMatch(/^4\.1% of characters \(41\) are outside the model’s alphabet and were replaced/);
    expect(describeChanges({ characters: 1000, lowered: 5, replaced: 0 })).toMatch(/^Every character is in the model’s alphabet; 0\.5% were capitals/);
  });

  it('splits as the shipped documents are: the last 5% held out from a word start, normalised, never shared with training', async () => {
    const text = prose(40_000);
    const custom = await readCustomText(text, 'river.txt');
    const normal = normalizeText(text);
    expect(custom.trainChars + custom.heldOutChars).toBe(normal.length);
    expect(custom.heldOutChars / normal.length).toBeGreaterThan(HELD_OUT_FRACTION * 0.98);
    expect(custom.heldOutChars / normal.length).toBeLessThanOrEqual(HELD_OUT_FRACTION);
    const source = customSource(text, 'river.txt');
    expect(source.kind).toBe('domain');
    expect(source.train!.text + source.heldOut!.text).toBe(normal);
    expect(source.heldOut!.text[0]).not.toBe(' ');
    expect(normal[custom.trainChars - 1]).toBe(' ');
    // 16 evaluation windows of 129 fit in 2,000 held-out characters? They do not: it gives every one there is.
    const windows = heldOutWindows(source, 16, 128);
    expect(windows.length).toBe(Math.min(16, Math.floor(custom.heldOutChars / 129)));
  });

  it('names a text by the sha256 of its UTF-8 bytes, the same pasted or as a file (a byte-order mark dropped)', async () => {
    const text = `Zürich ${prose(12_000)}`;
    const expected = createHash('sha256').update(text, 'utf8').digest('hex');
    expect(await sha256Hex(text)).toBe(expected);
    const pasted = await readCustomText(text, '');
    const file = await readCustomText(new Uint8Array([0xef, 0xbb, 0xbf, ...bytes(text)]), 'z.md');
    expect([pasted.sha256, file.sha256]).toEqual([expected, expected]);
    expect(pasted.name).toBe('pasted text');
    expect((await readCustomText(`${text}.`, 'z.md')).sha256).not.toBe(expected);
  });

  it('refuses an empty text by name', async () => {
    expect(await refusal('')).toMatch(/notes\.txt is empty/);
    expect(await refusal(bytes(' \n\t '))).toMatch(/is empty/);
  });

  it('refuses a text too short to hold out its evaluation windows, saying the minimum', async () => {
    const message = await refusal(prose(CUSTOM_MIN_CHARS - 1));
    expect(message).toContain(`has ${(CUSTOM_MIN_CHARS - 1).toLocaleString('en-US')} characters`);
    expect(message).toContain(`at least ${CUSTOM_MIN_CHARS.toLocaleString('en-US')}`);
    await expect(readCustomText(prose(CUSTOM_MIN_CHARS + 200), 'ok.txt')).resolves.toMatchObject({ name: 'ok.txt' });
  });

  it('accepts 5 MB and refuses a text over the maximum, saying it', async () => {
    expect(CUSTOM_MAX_BYTES).toBeGreaterThanOrEqual(5_000_000);
    const five = await readCustomText(bytes(prose(5_000_000)), 'big.txt');
    expect(five.trainChars + five.heldOutChars).toBe(5_000_000);
    const message = await refusal(bytes(prose(CUSTOM_MAX_BYTES + 1)), 'huge.txt');
    expect(message).toMatch(/huge\.txt is 8\.4 MB; the most a text may be is 8\.4 MB/);
  }, 30_000);

  it('refuses a binary file and one that is not UTF-8, by name', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, ...bytes(prose(20_000))]);
    expect(await refusal(png, 'photo.png')).toMatch(/photo\.png looks like a binary file/);
    const latin1 = bytes(prose(20_000));
    latin1[500] = 0xe9; // é in Latin-1: not a UTF-8 sequence
    expect(await refusal(latin1, 'old.txt')).toMatch(/old\.txt is not UTF-8 text/);
  });
});

describe('presets over a text of one’s own', () => {
  it('keep the text when they change the lever, and leave it when they name a domain or another scenario', async () => {
    const { configSchema } = await import('../../config/schema');
    const { presetConfig, findPreset } = await import('../../config/presets');
    const own = configSchema.parse({ scenario: 'text', domain: 'custom', domainHash: 'ab'.repeat(32), domainName: 'essay.txt' });
    const apply = (name: string) => keepOwnText(own, presetConfig(name), findPreset(name)!.settings);
    expect(apply('text-lora')).toMatchObject({ method: 'lora', domain: 'custom', domainHash: 'ab'.repeat(32), domainName: 'essay.txt' });
    expect(apply('text-near').domain).toBe('near');
    expect(apply('ignore').scenario).toBe('skills');
    expect(apply('ignore').domainHash).toBe('');
  });
});
