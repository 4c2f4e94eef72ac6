/**
 * The palette's promises, measured: contrast on white (WCAG 2.1), distance
 * between colours (CIEDE2000), colour-blind safety of the first 8 (simulated
 * after Machado et al. 2009), how colours go to runs, and the distances
 * between the colours in use for every mix of runs and sweeps up to 30 runs.
 */
import { describe, expect, it } from 'vitest';
import { colorDistance, contrast, deltaE2000, hexToLab, linearRgb, linearToLab, type Lab, type Rgb } from './colorScience';
import { assignColors, COLORBLIND_SAFE, colorRepeat, CROSS_FLOOR, DARK_FLOOR, DARK_L, PALETTE, PALETTE_FLOOR, WITHIN_FLOOR, type ColorRequest } from './palette';

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
  return linearToLab(seen);
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
  it('has a colour for each of 30 runs, all different', () => {
    expect(PALETTE.length).toBeGreaterThanOrEqual(30);
    expect(new Set(PALETTE).size).toBe(PALETTE.length);
    for (const c of PALETTE) expect(c).toMatch(/^#[0-9A-F]{6}$/);
  });

  it('is visible on white: every colour at least 3:1 (WCAG non-text contrast)', () => {
    for (const c of PALETTE) expect(contrast(c), c).toBeGreaterThanOrEqual(3);
  });

  it(`keeps every pair more than ${PALETTE_FLOOR} apart in CIEDE2000`, () => {
    const { d, pair } = minDistance(PALETTE);
    expect(d, pair).toBeGreaterThan(PALETTE_FLOOR);
  });

  it(`keeps dark colours apart by more than ${DARK_FLOOR}, and adds no dark, grey or neon colour after the first 8`, () => {
    const dark = PALETTE.filter((c) => hexToLab(c)[0] < DARK_L);
    const { d, pair } = minDistance(dark);
    expect(d, pair).toBeGreaterThan(DARK_FLOOR);
    for (const c of PALETTE.slice(COLORBLIND_SAFE)) {
      const [L, a, b] = hexToLab(c);
      expect(L, c).toBeGreaterThanOrEqual(DARK_L);
      expect(Math.hypot(a, b), c).toBeGreaterThanOrEqual(25);
      expect(Math.hypot(a, b), c).toBeLessThanOrEqual(75);
    }
  });

  it('would refuse the reported look-alikes: maroon against the old dark brown passes 15 but not the dark floor', () => {
    const [maroon, umber] = ['#663333', '#4A2F11'];
    expect(PALETTE).not.toContain(umber);
    expect(colorDistance(maroon, umber)).toBeGreaterThan(PALETTE_FLOOR);
    expect(Math.max(hexToLab(maroon)[0], hexToLab(umber)[0])).toBeLessThan(DARK_L);
    expect(colorDistance(maroon, umber)).toBeLessThan(DARK_FLOOR);
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

/** The colours a page gets for `families` (sizes: 1 a plain run, m the m seeds of one sweep value), given in `order`. */
function colorsFor(sizes: number[]): Array<{ color: string; family: number }> {
  const runs: Array<ColorRequest & { family?: string }> = sizes.flatMap((m, f) => Array.from({ length: m }, (_, k) => ({ id: `f${f}s${k}`, finished: true, family: m > 1 ? `fam${f}` : undefined })));
  const colors = assignColors(runs, new Map());
  return runs.map((r) => ({ color: colors.get(r.id)!, family: Number(r.id.slice(1, r.id.indexOf('s'))) }));
}

/** Every page the tests picture: plain runs only, 1 to 30; and sweeps of m seeds per value (2–10), as many values as fit in 30 runs, first, last or between the plain runs. */
function pages(): Array<{ what: string; sizes: number[] }> {
  const out: Array<{ what: string; sizes: number[] }> = [];
  for (let n = 1; n <= PALETTE.length; n++) out.push({ what: `${n} plain runs`, sizes: Array(n).fill(1) });
  for (let m = 2; m <= 10; m++) {
    for (let values = 1; values * m <= 30; values++) {
      const plain = 30 - values * m;
      const sweep = Array(values).fill(m);
      out.push({ what: `${values}×${m} seeds, then ${plain} runs`, sizes: [...sweep, ...Array(plain).fill(1)] });
      out.push({ what: `${plain} runs, then ${values}×${m} seeds`, sizes: [...Array(plain).fill(1), ...sweep] });
      out.push({ what: `${values}×${m} seeds between ${plain} runs`, sizes: [...Array(Math.floor(plain / 2)).fill(1), ...sweep, ...Array(Math.ceil(plain / 2)).fill(1)] });
    }
  }
  return out;
}

describe('colours in use, for every page up to 30 runs', () => {
  const all = pages().map((p) => ({ ...p, colors: colorsFor(p.sizes) }));

  it(`keeps runs of different families more than ${CROSS_FLOOR} apart (more than ${PALETTE_FLOOR} with no sweep), and dark pairs more than ${DARK_FLOOR}`, () => {
    for (const { what, sizes, colors } of all) {
      const noSweep = sizes.every((m) => m === 1);
      for (let i = 0; i < colors.length; i++) {
        for (let j = i + 1; j < colors.length; j++) {
          if (colors[i].family === colors[j].family) continue;
          const d = colorDistance(colors[i].color, colors[j].color);
          const pair = `${what}: ${colors[i].color}/${colors[j].color}`;
          expect(d, pair).toBeGreaterThan(noSweep ? PALETTE_FLOOR : CROSS_FLOOR);
          if (Math.max(hexToLab(colors[i].color)[0], hexToLab(colors[j].color)[0]) < DARK_L) expect(d, pair).toBeGreaterThan(DARK_FLOOR);
        }
      }
    }
  });

  it(`gives the seeds of one sweep value shades of one colour, each more than ${WITHIN_FLOOR} from the others, all 3:1 on white`, () => {
    for (const { what, colors } of all) {
      const byFamily = new Map<number, string[]>();
      for (const c of colors) byFamily.set(c.family, [...(byFamily.get(c.family) ?? []), c.color]);
      for (const shades of byFamily.values()) {
        for (const c of shades) expect(contrast(c), `${what}: ${c}`).toBeGreaterThanOrEqual(3);
        if (shades.length < 2) continue;
        // The first seed has a palette colour; the others are near it: one family, not a new colour.
        expect(PALETTE, what).toContain(shades[0]);
        for (let i = 0; i < shades.length; i++) {
          if (i > 0) expect(colorDistance(shades[0], shades[i]), `${what}: ${shades[0]}/${shades[i]}`).toBeLessThan(PALETTE_FLOOR);
          for (let j = i + 1; j < shades.length; j++) expect(colorDistance(shades[i], shades[j]), `${what}: ${shades[i]}/${shades[j]}`).toBeGreaterThan(WITHIN_FLOOR);
        }
      }
    }
  });

  it('lets a seed keep its shade as other runs come and go', () => {
    const seeds = (ids: string[]) => ids.map((id) => ({ id, finished: true, family: 'mix=0.5' }));
    const first = assignColors([{ id: 'plain', finished: true }, ...seeds(['s1', 's2', 's3'])], new Map());
    const second = assignColors([...seeds(['s1', 's2', 's3']), { id: 'new', finished: true }], first);
    for (const id of ['s1', 's2', 's3']) expect(second.get(id)).toBe(first.get(id));
    expect(new Set(second.values()).size).toBe(4);
  });
});
