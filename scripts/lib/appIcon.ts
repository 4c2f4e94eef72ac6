/**
 * The lab's app icon, drawn by code (no image files from elsewhere): two
 * curves on the lab's accent blue, the general ability (white) falling as the
 * new task (amber) rises: forgetting, as the main chart shows it. Written as
 * PNG with Node's zlib; `npm run build:icons` writes public/icons/.
 */
import { deflateSync } from 'node:zlib';

/** The page's --accent, also the web app manifest's theme colour (vite.config.ts). */
const THEME_COLOR = '#0b5cad';

type Rgb = [number, number, number];
const hex = (c: string): Rgb => [1, 3, 5].map((i) => parseInt(c.slice(i, i + 2), 16)) as Rgb;
const ACCENT = hex(THEME_COLOR);
const GENERAL = hex('#ffffff');
const TASK = hex('#ffb454');

export interface IconSpec {
  file: string;
  size: number;
  /**
   * A maskable icon fills its square (the platform cuts its own shape) and keeps
   * what matters in the middle 80 % circle; a plain one is a rounded square.
   */
  maskable: boolean;
}

export const ICONS: IconSpec[] = [
  { file: 'icon-192.png', size: 192, maskable: false },
  { file: 'icon-512.png', size: 512, maskable: false },
  { file: 'icon-maskable-512.png', size: 512, maskable: true },
];

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/** A curve in the unit square (y down), as a polyline. */
function curve(y: (x: number) => number): [number, number][] {
  return Array.from({ length: 41 }, (_, i) => [i / 40, y(i / 40)]);
}
// The general ability holds, then falls once fine-tuning starts; the task rises at the same time.
const CURVES: [Rgb, [number, number][]][] = [
  [TASK, curve((x) => 0.82 - 0.62 * sigmoid((x - 0.55) * 14))],
  [GENERAL, curve((x) => 0.2 + 0.55 * sigmoid((x - 0.5) * 14))],
];

/** The curves' stroke width, in units of their box. */
const STROKE = 0.075;

function distanceToSegment(px: number, py: number, [ax, ay]: [number, number], [bx, by]: [number, number]): number {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - ax - t * dx, py - ay - t * dy);
}

/** The colour (RGBA) at one sample point of the icon, in pixels from its top left. */
function colourAt(x: number, y: number, spec: IconSpec): [number, number, number, number] {
  const u = x / spec.size;
  const v = y / spec.size;
  if (!spec.maskable) {
    // A rounded square: outside its corners is transparent.
    const r = 0.2;
    const cx = Math.min(Math.max(u, r), 1 - r);
    const cy = Math.min(Math.max(v, r), 1 - r);
    if (Math.hypot(u - cx, v - cy) > r) return [0, 0, 0, 0];
  }
  // The curves' box: a maskable icon keeps them inside its safe circle.
  const margin = spec.maskable ? 0.27 : 0.17;
  const bu = (u - margin) / (1 - 2 * margin);
  const bv = (v - margin) / (1 - 2 * margin);
  let colour: Rgb = ACCENT;
  for (const [c, line] of CURVES) {
    // Only segments within half a stroke sideways can be within half a stroke: the points are evenly spaced in x.
    const n = line.length - 1;
    const from = Math.max(1, Math.floor((bu - STROKE) * n));
    const to = Math.min(n, Math.ceil((bu + STROKE) * n) + 1);
    let d = Infinity;
    for (let i = from; i <= to; i++) d = Math.min(d, distanceToSegment(bu, bv, line[i - 1], line[i]));
    if (d <= STROKE / 2) colour = c;
  }
  return [...colour, 255];
}

/** RGBA pixels, each the mean of 4×4 samples (smooth edges). */
export function drawIcon(spec: IconSpec): Uint8Array {
  const { size } = spec;
  const pixels = new Uint8Array(size * size * 4);
  const n = 4;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const sum = [0, 0, 0, 0];
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const [r, g, b, a] = colourAt(x + (sx + 0.5) / n, y + (sy + 0.5) / n, spec);
          // Premultiplied, so a transparent sample adds no colour.
          sum[0] += r * a;
          sum[1] += g * a;
          sum[2] += b * a;
          sum[3] += a;
        }
      }
      const at = (y * size + x) * 4;
      const alpha = sum[3] / (n * n);
      for (let k = 0; k < 3; k++) pixels[at + k] = sum[3] ? Math.round(sum[k] / sum[3]) : 0;
      pixels[at + 3] = Math.round(alpha);
    }
  }
  return pixels;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  out.set(data, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/** An 8-bit RGBA PNG of square pixels. */
export function encodePng(pixels: Uint8Array, size: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // bit depth 8, RGBA, deflate, no filter method, no interlace
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) rows.set(pixels.subarray(y * size * 4, (y + 1) * size * 4), y * (size * 4 + 1) + 1);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', new Uint8Array()),
  ]);
}
