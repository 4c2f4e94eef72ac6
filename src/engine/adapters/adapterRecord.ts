/**
 * A trained LoRA adapter as data: its spec (rank, alpha, targets, rsLoRA),
 * its flat values in LoraPack's layout (model/lora.ts) and, when the run
 * trained the embedding rows of tokens the base never saw (lora.newTokens,
 * as PEFT saves trainable token rows with the adapter), those rows' change.
 * A LoRA run ends with one `adapter` event (eventSchema.ts) holding it, so
 * stored runs and run files carry their adapter. Floats travel as base64 of
 * little-endian float32: exact, and a third of JSON numbers' size.
 * No tfjs: the page lists the library with it.
 */
import { z } from 'zod';
import { LORA_TARGETS, type LoraTarget } from '../model/architecture';

/** ~8 MB of base64: a rank-64 adapter on every module of the shipped models fits many times over. */
const MAX_BASE64 = 8_000_000;
const base64 = z.string().max(MAX_BASE64).regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64');

export const adapterFieldsSchema = z.strictObject({
  rank: z.number().int().min(1).max(64),
  alpha: z.number().gt(0),
  targets: z.array(z.enum(LORA_TARGETS)).min(1),
  rslora: z.boolean(),
  /** The LoRA pack's values, flat (float32, base64). */
  values: base64,
  /** Embedding rows of new tokens: which tokens, and trained − base for each row (float32, base64, row after row). */
  rows: z.strictObject({ tokens: z.array(z.number().int().min(0)).max(1000), delta: base64 }).optional(),
});

/** The adapter as an event and in files: base64 floats. */
export type AdapterFields = z.infer<typeof adapterFieldsSchema>;

/** The adapter decoded, as the engine plugs it. */
export interface AdapterWeights {
  rank: number;
  alpha: number;
  targets: LoraTarget[];
  rslora: boolean;
  values: Float32Array;
  rows?: { tokens: number[]; delta: Float32Array };
}

/** An adapter and the weight w it is plugged in with: W = W0 + Σ w · s · B A. */
export interface Plug<A = AdapterWeights> {
  adapter: A;
  weight: number;
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const INDEX = new Map([...ALPHABET].map((c, i) => [c, i]));

/** Standard base64 (written out: the engine runs where atob and btoa may not be declared). */
function toBase64(bytes: Uint8Array): string {
  const out: string[] = [];
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const left = bytes.length - i;
    out.push(ALPHABET[(n >> 18) & 63], ALPHABET[(n >> 12) & 63], left > 1 ? ALPHABET[(n >> 6) & 63] : '=', left > 2 ? ALPHABET[n & 63] : '=');
  }
  return out.join('');
}

function fromBase64(text: string): Uint8Array {
  if (text.length % 4) throw new Error(`adapter values are not base64 (length ${text.length} is not a multiple of 4)`);
  const pad = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const bytes = new Uint8Array((text.length / 4) * 3 - pad);
  for (let i = 0, o = 0; i < text.length; i += 4) {
    let n = 0;
    for (let j = 0; j < 4; j++) {
      const c = text[i + j];
      const v = c === '=' ? 0 : INDEX.get(c);
      if (v === undefined) throw new Error(`adapter values are not base64 ('${c}' at ${i + j})`);
      n = (n << 6) | v;
    }
    for (const shift of [16, 8, 0]) if (o < bytes.length) bytes[o++] = (n >> shift) & 255;
  }
  return bytes;
}

export function encodeFloats(values: Float32Array): string {
  const bytes = new Uint8Array(values.length * 4);
  const view = new DataView(bytes.buffer);
  values.forEach((v, i) => view.setFloat32(i * 4, v, true));
  return toBase64(bytes);
}

export function decodeFloats(text: string): Float32Array {
  const bytes = fromBase64(text);
  if (bytes.length % 4) throw new Error(`adapter values are ${bytes.length} bytes, not a whole number of float32s`);
  const view = new DataView(bytes.buffer);
  return Float32Array.from({ length: bytes.length / 4 }, (_, i) => view.getFloat32(i * 4, true));
}

export function encodeAdapter(adapter: AdapterWeights): AdapterFields {
  const { rank, alpha, targets, rslora, values, rows } = adapter;
  return {
    rank,
    alpha,
    targets: [...targets],
    rslora,
    values: encodeFloats(values),
    ...(rows ? { rows: { tokens: [...rows.tokens], delta: encodeFloats(rows.delta) } } : {}),
  };
}

export function decodeAdapter(fields: AdapterFields): AdapterWeights {
  const { rank, alpha, targets, rslora, values, rows } = fields;
  return {
    rank,
    alpha,
    targets: [...targets],
    rslora,
    values: decodeFloats(values),
    ...(rows ? { rows: { tokens: [...rows.tokens], delta: decodeFloats(rows.delta) } } : {}),
  };
}

/** How many numbers an encoded adapter holds (its values and rows), without decoding it. */
export function adapterParamCount(fields: AdapterFields): number {
  const floats = (text: string) => ((text.length * 3) / 4 - (text.match(/=*$/)?.[0].length ?? 0)) / 4;
  return floats(fields.values) + (fields.rows ? floats(fields.rows.delta) : 0);
}

/** Its size as float32, in KB (1000 bytes). */
export function adapterKb(fields: AdapterFields): number {
  return (adapterParamCount(fields) * 4) / 1000;
}
