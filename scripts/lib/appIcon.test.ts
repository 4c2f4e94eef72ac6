import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { drawIcon, encodePng, ICONS } from './appIcon';
import { REPO_ROOT } from './repoRoot';

/** Width, height and RGBA pixels of an 8-bit RGBA PNG without row filters, as encodePng writes it. */
function decodePng(png: Buffer): { width: number; height: number; pixels: Uint8Array } {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  let at = 8;
  let width = 0;
  let height = 0;
  const data: Buffer[] = [];
  while (at < png.length) {
    const length = png.readUInt32BE(at);
    const type = png.toString('ascii', at + 4, at + 8);
    const body = png.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      expect([...body.subarray(8, 10)]).toEqual([8, 6]);
    }
    if (type === 'IDAT') data.push(body);
    at += 12 + length;
  }
  const rows = inflateSync(Buffer.concat(data));
  const pixels = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    expect(rows[y * (width * 4 + 1)], `row ${y} filter`).toBe(0);
    pixels.set(rows.subarray(y * (width * 4 + 1) + 1, (y + 1) * (width * 4 + 1)), y * width * 4);
  }
  return { width, height, pixels };
}

const committed = (file: string) => decodePng(readFileSync(join(REPO_ROOT, 'public', 'icons', file)));
const alphaAt = (icon: { width: number; pixels: Uint8Array }, x: number, y: number) => icon.pixels[(y * icon.width + x) * 4 + 3];

describe('the app icons', () => {
  it('encodePng writes what a PNG reader reads back', () => {
    const pixels = new Uint8Array(3 * 3 * 4).map((_, i) => (i * 37) % 256);
    expect(decodePng(encodePng(pixels, 3))).toEqual({ width: 3, height: 3, pixels });
  });

  it('the committed icons are the sizes they are listed with', () => {
    for (const icon of ICONS) {
      const { width, height } = committed(icon.file);
      expect([width, height], icon.file).toEqual([icon.size, icon.size]);
    }
  });

  it('the committed 192 px icon is what the code draws (npm run build:icons after a change)', () => {
    const spec = ICONS.find((i) => i.size === 192)!;
    expect(Buffer.from(committed(spec.file).pixels).equals(Buffer.from(drawIcon(spec)))).toBe(true);
  });

  it('a maskable icon fills its square; a plain one has transparent rounded corners', () => {
    for (const icon of ICONS) {
      const png = committed(icon.file);
      const corner = alphaAt(png, 0, 0);
      const middle = alphaAt(png, icon.size >> 1, icon.size >> 1);
      expect(middle, icon.file).toBe(255);
      expect(corner, icon.file).toBe(icon.maskable ? 255 : 0);
    }
  });
});
