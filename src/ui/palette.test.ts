/**
 * The palette's promises, measured: contrast on white (WCAG 2.1), distance
 * between colours (CIEDE2000), colour-blind safety of the first 8 (simulated
 * after Machado et al. 2009), and how colours go to runs.
 */
import { describe, expect, it } from 'vitest';
import { assignColors, COLORBLIND_SAFE, colorRepeat, PALETTE } from './palette';

type Lab = [number, number, number];
type Rgb = [number, number, number];

const channels = (hex: string): Rgb => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255) as Rgb;
const linear = (c: number) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
const linearRgb = (hex: string) => channels(hex).map(linear) as Rgb;

/** WCAG 2.1 relative luminance and contrast ratio. */
function contrast(hex: string, background = '#FFFFFF'): number {
  const lum = (h: string) => {
    const [r, g, b] = linearRgb(h);
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [a, b] = [lum(hex), lum(background)];
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}

/** Linear sRGB to CIELAB (D65). */
function toLab([r, g, b]: Rgb): Lab {
  const x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047;
  const y = 0.2126729 * r + 0.7151522 * g + 0.072175 * b;
  const z = (0.0193339 * r + 0.119192 * g + 0.9503041 * b) / 1.08883;
  const f = (t: number) => (t > 216 / 24389 ? Math.cbrt(t) : ((24389 / 27) * t + 16) / 116);
  return [116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))];
}

/** CIEDE2000 (Sharma, Wu & Dalal 2005). */
function deltaE2000([L1, a1, b1]: Lab, [L2, a2, b2]: Lab): number {
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

/** Machado, Oliveira & Fernandes (2009), severity 1, on linear RGB. */
const DEFICIENCIES: Record<string, number[][]> = {
  protanopia: [
    [0.152286, 1.052583, -0.204868],
    [0.114503, 0.786281, 0.099216],
    [-0.003882, -0.048116, 1.051998],
  ],
  deuteranopia: [
    [0.367322, 0.860646, -0.227968],
    [0.280085, 0.672501, 0.047413],
    [-0.01182, 0.04294, 0.968881],
  ],
  tritanopia: [
    [1.255528, -0.076749, -0.178779],
    [-0.078411, 0.930809, 0.147602],
    [0.004733, 0.691367, 0.3039],
  ],
};

const labOf = (hex: string, m?: number[][]): Lab => {
  const c = linearRgb(hex);
  const seen = m ? (m.map((row) => Math.min(1, Math.max(0, row[0] * c[0] + row[1] * c[1] + row[2] * c[2]))) as Rgb) : c;
  return toLab(seen);
};

function minDistance(colors: readonly string[], m?: number[][]): { d: number; pair: string } {
  let best = { d: Infinity, pair: '' };
  for (let i = 0; i < colors.length; i++) {
    for (let j = i + 1; j < colors.length; j++) {
      const d = deltaE2000(labOf(colors[i], m), labOf(colors[j], m));
      if (d < best.d) best = { d, pair: `${colors[i]}/${colors[j]}` };
    }
  }
  return best;
}

/** Okabe & Ito (2008) and Paul Tol's qualitative schemes (bright, vibrant, muted, dark), as published. */
const OKABE_ITO = ['#E69F00', '#56B4E9', '#009E73', '#F0E442', '#0072B2', '#D55E00', '#CC79A7', '#000000'];
const TOL = [
  ...['#4477AA', '#66CCEE', '#228833', '#CCBB44', '#EE6677', '#AA3377', '#BBBBBB'],
  ...['#0077BB', '#33BBEE', '#009988', '#EE7733', '#CC3311', '#EE3377'],
  ...['#332288', '#88CCEE', '#44AA99', '#117733', '#999933', '#DDCC77', '#CC6677', '#882255', '#AA4499', '#DDDDDD'],
  ...['#222255', '#225555', '#225522', '#666633', '#663333', '#555555'],
];

/** ΔE00 every pair must exceed: see palette.ts for why. */
const MIN_DELTA_E = 15;

describe('the colour science behind the palette tests', () => {
  it('computes CIEDE2000 as Sharma, Wu & Dalal’s test data', () => {
    expect(deltaE2000([50, 2.6772, -79.7751], [50, 0, -82.7485])).toBeCloseTo(2.0425, 4);
    expect(deltaE2000([50, 0, 0], [50, -1, 2])).toBeCloseTo(2.3669, 4);
    expect(deltaE2000([50, 2.5, 0], [73, 25, -18])).toBeCloseTo(27.1492, 4);
    expect(deltaE2000([60.2574, -34.0099, 36.2677], [60.4626, -34.1751, 39.4387])).toBeCloseTo(1.2644, 4);
  });

  it('computes contrast as WCAG does', () => {
    expect(contrast('#000000')).toBeCloseTo(21, 6);
    expect(contrast('#767676')).toBeCloseTo(4.54, 2);
  });
});

describe('palette', () => {
  it('has at least 20 colours, all different', () => {
    expect(PALETTE.length).toBeGreaterThanOrEqual(20);
    expect(new Set(PALETTE).size).toBe(PALETTE.length);
    for (const c of PALETTE) expect(c).toMatch(/^#[0-9A-F]{6}$/);
  });

  it('is visible on white: every colour at least 3:1 (WCAG non-text contrast)', () => {
    for (const c of PALETTE) expect(contrast(c), c).toBeGreaterThanOrEqual(3);
  });

  it(`keeps every pair at least ${MIN_DELTA_E} apart in CIEDE2000`, () => {
    const { d, pair } = minDistance(PALETTE);
    expect(d, pair).toBeGreaterThan(MIN_DELTA_E);
  });

  it('starts with 8 colour-blind safe colours from Okabe–Ito and Paul Tol, apart for every kind of colour vision', () => {
    const first = PALETTE.slice(0, COLORBLIND_SAFE);
    expect(COLORBLIND_SAFE).toBe(8);
    for (const c of first) expect([...OKABE_ITO, ...TOL], c).toContain(c);
    expect(minDistance(first).d).toBeGreaterThan(20);
    for (const [name, m] of Object.entries(DEFICIENCIES)) {
      const { d, pair } = minDistance(first, m);
      expect(d, `${name}: ${pair}`).toBeGreaterThan(10);
    }
  });
});

describe('colour assignment', () => {
  const done = (...ids: string[]) => ids.map((id) => ({ id, finished: true }));

  it('colours finished runs only, lowest colours first', () => {
    const colors = assignColors([{ id: 'a', finished: true }, { id: 'b', finished: false }, { id: 'c', finished: true }], new Map());
    expect([...colors]).toEqual([
      ['a', PALETTE[0]],
      ['c', PALETTE[1]],
    ]);
  });

  it('lets a run keep its colour as others come and go', () => {
    const first = assignColors(done('a', 'b', 'c'), new Map());
    // 'b' is removed and 'd' finishes: 'a' and 'c' keep theirs, 'd' takes the freed one.
    const second = assignColors(done('a', 'c', 'd'), first);
    expect(second.get('a')).toBe(first.get('a'));
    expect(second.get('c')).toBe(first.get('c'));
    expect(second.get('d')).toBe(first.get('b'));
    // A run still running has none, and then takes the lowest free colour when it finishes.
    const third = assignColors([...done('c', 'd'), { id: 'e', finished: false }], second);
    expect(third.has('e')).toBe(false);
    expect(third.has('a')).toBe(false);
    const fourth = assignColors(done('c', 'd', 'e'), third);
    expect(fourth.get('e')).toBe(PALETTE[0]);
    expect(fourth.get('c')).toBe(PALETTE[2]);
  });

  it('is stable: the same runs give the same colours, whatever their order', () => {
    const first = assignColors(done('a', 'b', 'c', 'd'), new Map());
    expect(assignColors(done('d', 'c', 'b', 'a'), first)).toEqual(first);
  });

  it('replaces colours it did not give, and settles a colour claimed twice', () => {
    const colors = assignColors(done('a', 'b', 'c'), new Map([['a', '#F0E442'], ['b', PALETTE[3]], ['c', PALETTE[3]]]));
    expect(colors.get('b')).toBe(PALETTE[3]);
    expect(colors.get('a')).toBe(PALETTE[0]);
    expect(colors.get('c')).toBe(PALETTE[1]);
  });

  it('repeats the palette beyond its size, each repeat marked, and keeps repeats stable', () => {
    const ids = Array.from({ length: PALETTE.length + 3 }, (_, i) => `r${i}`);
    const colors = assignColors(done(...ids), new Map());
    expect(new Set(colors.values()).size).toBe(ids.length);
    expect(ids.slice(0, PALETTE.length).map((id) => colorRepeat(colors.get(id)!))).toEqual(PALETTE.map(() => 0));
    const repeat = colors.get(`r${PALETTE.length}`)!;
    expect(repeat.toUpperCase().startsWith(PALETTE[0])).toBe(true);
    expect(colorRepeat(repeat)).toBe(1);
    expect(colorRepeat(PALETTE[0])).toBe(0);
    expect(colorRepeat('#123456')).toBe(0);
    // Stable, and a freed first-round colour goes to the next run before any repeat.
    const again = assignColors(done(...ids.slice(1), 'new'), colors);
    for (const id of ids.slice(1)) expect(again.get(id)).toBe(colors.get(id));
    expect(again.get('new')).toBe(PALETTE[0]);
  });
});
