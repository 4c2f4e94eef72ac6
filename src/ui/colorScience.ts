/**
 * The colour arithmetic behind the run palette: sRGB ↔ CIELAB (D65), the
 * CIEDE2000 colour difference and WCAG 2.1 contrast. Pure; palette.ts shades
 * colours with it and palette.test.ts measures the palette with it (and checks
 * it against Sharma, Wu & Dalal's published CIEDE2000 test data).
 */

export type Lab = [number, number, number];
export type Rgb = [number, number, number];

/** '#RRGGBB' (an alpha byte after it is ignored) to sRGB channels in 0–1. */
const channels = (hex: string): Rgb => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255) as Rgb;
const toLinear = (c: number) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
const toGamma = (c: number) => (c <= 0.0031308 ? 12.92 * c : 1.055 * c ** (1 / 2.4) - 0.055);
export const linearRgb = (hex: string): Rgb => channels(hex).map(toLinear) as Rgb;

/** WCAG 2.1 contrast ratio of two colours. */
export function contrast(hex: string, background = '#FFFFFF'): number {
  const lum = (h: string) => {
    const [r, g, b] = linearRgb(h);
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [a, b] = [lum(hex), lum(background)];
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}

/** Linear sRGB to CIELAB (D65). */
export function linearToLab([r, g, b]: Rgb): Lab {
  const x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047;
  const y = 0.2126729 * r + 0.7151522 * g + 0.072175 * b;
  const z = (0.0193339 * r + 0.119192 * g + 0.9503041 * b) / 1.08883;
  const f = (t: number) => (t > 216 / 24389 ? Math.cbrt(t) : ((24389 / 27) * t + 16) / 116);
  return [116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))];
}

const labCache = new Map<string, Lab>();
/** '#RRGGBB' to CIELAB, remembered (the palette measures the same few hundred colours over and over). */
export function hexToLab(hex: string): Lab {
  const key = hex.slice(0, 7).toUpperCase();
  let lab = labCache.get(key);
  if (!lab) {
    lab = linearToLab(linearRgb(key));
    labCache.set(key, lab);
  }
  return lab;
}

/** CIELAB to '#RRGGBB', or null when the colour is outside sRGB. */
export function labToHex([L, a, b]: Lab): string | null {
  const finv = (t: number) => (t ** 3 > 216 / 24389 ? t ** 3 : (116 * t - 16) / (24389 / 27));
  const fy = (L + 16) / 116;
  const [X, Y, Z] = [0.95047 * finv(fy + a / 500), finv(fy), 1.08883 * finv(fy - b / 200)];
  const rgb = [
    3.2404542 * X - 1.5371385 * Y - 0.4985314 * Z,
    -0.969266 * X + 1.8760108 * Y + 0.041556 * Z,
    0.0556434 * X - 0.2040259 * Y + 1.0572252 * Z,
  ];
  if (rgb.some((c) => c < -1e-3 || c > 1 + 1e-3)) return null;
  return `#${rgb.map((c) => Math.round(255 * Math.min(1, Math.max(0, toGamma(Math.max(0, c))))).toString(16).padStart(2, '0')).join('').toUpperCase()}`;
}

/** CIEDE2000 (Sharma, Wu & Dalal 2005). */
export function deltaE2000([L1, a1, b1]: Lab, [L2, a2, b2]: Lab): number {
  const rad = Math.PI / 180;
  const Cbar = (Math.hypot(a1, b1) + Math.hypot(a2, b2)) / 2;
  const G = 0.5 * (1 - Math.sqrt(Cbar ** 7 / (Cbar ** 7 + 25 ** 7)));
  const a1p = (1 + G) * a1;
  const a2p = (1 + G) * a2;
  const C1 = Math.hypot(a1p, b1);
  const C2 = Math.hypot(a2p, b2);
  const hue = (b: number, a: number) => (a === 0 && b === 0 ? 0 : (Math.atan2(b, a) / rad + 360) % 360);
  const h1 = hue(b1, a1p);
  const h2 = hue(b2, a2p);
  let dh = 0;
  if (C1 * C2 !== 0) dh = h2 - h1 > 180 ? h2 - h1 - 360 : h2 - h1 < -180 ? h2 - h1 + 360 : h2 - h1;
  const dH = 2 * Math.sqrt(C1 * C2) * Math.sin((dh / 2) * rad);
  const Lbar = (L1 + L2) / 2;
  const Cbarp = (C1 + C2) / 2;
  let hbar = h1 + h2;
  if (C1 * C2 !== 0) hbar = Math.abs(h1 - h2) > 180 ? (h1 + h2 < 360 ? (h1 + h2 + 360) / 2 : (h1 + h2 - 360) / 2) : (h1 + h2) / 2;
  const T = 1 - 0.17 * Math.cos((hbar - 30) * rad) + 0.24 * Math.cos(2 * hbar * rad) + 0.32 * Math.cos((3 * hbar + 6) * rad) - 0.2 * Math.cos((4 * hbar - 63) * rad);
  const dTheta = 30 * Math.exp(-(((hbar - 275) / 25) ** 2));
  const RC = 2 * Math.sqrt(Cbarp ** 7 / (Cbarp ** 7 + 25 ** 7));
  const SL = 1 + (0.015 * (Lbar - 50) ** 2) / Math.sqrt(20 + (Lbar - 50) ** 2);
  const SC = 1 + 0.045 * Cbarp;
  const SH = 1 + 0.015 * Cbarp * T;
  const RT = -Math.sin(2 * dTheta * rad) * RC;
  const [l, c, h] = [(L2 - L1) / SL, (C2 - C1) / SC, dH / SH];
  return Math.sqrt(l * l + c * c + h * h + RT * c * h);
}

/** ΔE00 between two hex colours (alpha bytes ignored). */
export const colorDistance = (a: string, b: string): number => deltaE2000(hexToLab(a), hexToLab(b));
