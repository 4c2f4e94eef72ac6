/**
 * Run colours: 30 colours that stay apart on a white background, shades of
 * one colour for the seeds of one sweep value, and who gets which. Pure (no
 * React, no DOM), so the stores and charts share it. Distances are CIEDE2000
 * (ΔE00, colorScience.ts); palette.test.ts measures every promise below.
 *
 * The palette:
 * - every colour has a contrast of at least 3:1 against white (WCAG 2.1's
 *   non-text contrast, 1.4.11);
 * - every pair differs by more than PALETTE_FLOOR = 15 ΔE00 (measured least
 *   15.3). One ΔE00 is about one just-noticeable difference between large
 *   patches; thin lines and small dots need several times more (Stone, Szafir
 *   & Setlur 2014), so 15 leaves a wide margin;
 * - dark colours lose their hue on a 2-px line: the reported pair "maroon
 *   against dark brown" (#663333 against the old umber #4A2F11, L* 28 and 22)
 *   measured 16.6 and still read alike. So colours after the first 8 have
 *   L* ≥ 35 and chroma 25–75 (no near-black, no grey, no neon), and any two
 *   colours both darker than L* 35 differ by more than DARK_FLOOR = 20;
 * - the first 8 are colour-blind safe: four of Okabe–Ito's colours (their
 *   orange, sky blue and yellow are too light on white, black would read as
 *   the chart's ink), Paul Tol's purple (bright scheme) and indigo (muted),
 *   and his dark teal and brown (dark scheme); pairwise ΔE00 ≥ 20 for normal
 *   vision and ≥ 10 with protanopia, deuteranopia or tritanopia simulated
 *   (Machado et al. 2009, full severity);
 * - the other 22 were picked greedily, each the farthest from all before it
 *   among sRGB colours meeting the rules above, then moved apart one by one.
 *
 * Colours in use (assignColors), up to 30 runs:
 * - runs of different families (a family: the seeds of one sweep value; any
 *   other run is a family of its own) differ by more than CROSS_FLOOR = 10
 *   (measured least 11.0 over every mix of sweeps and runs up to 30); with no
 *   sweep on the page they are palette colours, so more than 15;
 * - the seeds of one sweep value are shades of one colour (lightness, chroma
 *   and a little hue moved), each nearer its colour than any two palette
 *   colours are (< 15) and more than WITHIN_FLOOR = 4 from the others
 *   (measured least 4.25, ten seeds): told apart side by side, read as one
 *   family (and one legend entry).
 * Shades fill the room between palette colours, which is why the floor
 * across families is lower once a sweep is on the page: each new shade is
 * the one farthest from the other families' colours.
 */
import { colorDistance, contrast, hexToLab, labToHex } from './colorScience';

export const PALETTE: readonly string[] = [
  // Colour-blind safe: Okabe–Ito
  '#0072B2', // blue
  '#D55E00', // vermillion
  '#009E73', // bluish green
  '#CC79A7', // reddish purple
  // Colour-blind safe: Paul Tol
  '#332288', // indigo (muted)
  '#AA3377', // purple (bright)
  '#225555', // dark teal (dark)
  '#663333', // dark brown (dark)
  // Distinct from all of the above
  '#5F5500', // dark olive
  '#877DFF', // periwinkle
  '#0A5F37', // forest green
  '#0FA0C3', // cerulean
  '#F03769', // raspberry
  '#7DA000', // lime
  '#645078', // dusky purple
  '#BE8C00', // ochre
  '#7D4600', // saddle brown
  '#D27D6E', // salmon
  '#AF2800', // rust
  '#9B9669', // sage
  '#AA50CD', // orchid
  '#9B5F64', // mauve
  '#3C96FF', // azure
  '#5055CD', // slate blue
  '#008282', // teal
  '#B40037', // crimson
  '#8C7DAA', // lavender grey
  '#967350', // tan
  '#64784B', // moss
  '#058C0A', // green
];

/** How many of the first colours are colour-blind safe. */
export const COLORBLIND_SAFE = 8;
export const PALETTE_FLOOR = 15;
export const DARK_FLOOR = 20;
/** Below this lightness (CIELAB L*) a colour counts as dark. */
export const DARK_L = 35;
export const CROSS_FLOOR = 10;
export const WITHIN_FLOOR = 4;

/** Rounds through the palette that the repeat mark can tell apart; later rounds share the last mark. */
const MAX_ROUND = 127;

/**
 * The colour of palette slot `slot` (0, 1, 2, …): slot i of round r is
 * PALETTE[i] for r = 0; for r ≥ 1 (beyond the palette's 30 runs) it is the
 * same colour with an alpha byte of 0xFF − r ('#0072B2FE'): it draws the same,
 * and colorRepeat() reads r back so the page can mark the repeat.
 */
function slotColor(slot: number): string {
  const base = PALETTE[slot % PALETTE.length];
  const round = Math.min(Math.floor(slot / PALETTE.length), MAX_ROUND);
  return round === 0 ? base : `${base}${(0xff - round).toString(16).toUpperCase()}`;
}

/** The repeat round of a colour: 0 for an opaque colour, r for a palette colour's alpha byte 0xFF − r. */
function roundOf(color: string): number | null {
  const m = /^#[0-9A-F]{6}([0-9A-F]{2})?$/.exec(color.toUpperCase());
  if (!m) return null;
  if (m[1] === undefined) return 0;
  const round = 0xff - parseInt(m[1], 16);
  return round >= 1 && round <= MAX_ROUND ? round : null;
}

/**
 * 0 for a colour's first use; 1, 2, … for a run that repeats a colour another
 * run already has (more runs than colours). The page marks repeats (hollow
 * dots): dashes already mean the general-skill curve.
 */
export function colorRepeat(color: string): number {
  return roundOf(color) ?? 0;
}

/** Lightness, chroma and hue steps a shade may take from its palette colour. */
const SHADE_L = [-12, -10, -8, -6, -4, -2, 2, 4, 6, 8, 10, 12];
const SHADE_CHROMA = [0.7, 0.85, 1, 1.15];
const SHADE_HUE = [-8, -4, 0, 4, 8];

/** How far a shade is kept from other colours before its distance to its own seeds counts more. */
const CLEAR = 12;
/** The lightness with the most room for shades either way (between DARK_L and the 3:1 limit, L* ≈ 61). */
const MID_L = 48;

const shadeCache = new Map<string, string[]>();

/** The shades of a palette colour a family's seeds may take: in sRGB, 3:1 on white, not dark unless the colour is. */
function shadesOf(base: string): string[] {
  const known = shadeCache.get(base);
  if (known) return known;
  const [L, a, b] = hexToLab(base);
  const out = new Set<string>();
  for (const dL of SHADE_L) {
    for (const scale of SHADE_CHROMA) {
      for (const turn of SHADE_HUE) {
        const r = (turn * Math.PI) / 180;
        const hex = labToHex([L + dL, scale * (a * Math.cos(r) - b * Math.sin(r)), scale * (a * Math.sin(r) + b * Math.cos(r))]);
        if (!hex || hex === base || contrast(hex) < 3 || colorDistance(hex, base) >= PALETTE_FLOOR) continue;
        if (hexToLab(hex)[0] < Math.min(DARK_L, L)) continue;
        out.add(hex);
      }
    }
  }
  const shades = [...out];
  shadeCache.set(base, shades);
  return shades;
}

/** The palette colour a colour this module gives stands for (itself, the base of a shade, a repeat's colour), or null. */
function baseOf(color: string, bases: ReadonlyMap<string, string>): string | null {
  const hex = color.toUpperCase().slice(0, 7);
  if (roundOf(color) === null) return null;
  if (PALETTE.includes(hex)) return hex;
  return color.length === 7 ? (bases.get(hex) ?? null) : null;
}

let shadeBases: Map<string, string> | null = null;
/** Every shade's palette colour: to recognise a shade given earlier. */
function allShadeBases(): ReadonlyMap<string, string> {
  if (!shadeBases) {
    shadeBases = new Map();
    for (const base of PALETTE) for (const s of shadesOf(base)) if (!shadeBases.has(s)) shadeBases.set(s, base);
  }
  return shadeBases;
}

export interface ColorRequest {
  id: string;
  finished: boolean;
  /** Runs with the same family (the seeds of one sweep value) get shades of one colour; none: a family of its own. */
  family?: string;
}

/**
 * Colours for the runs on the charts. Only finished runs get one (a running,
 * stopped or failed run has none). A run keeps the colour it was given
 * (`previous`, the last result). A newly finished run that starts a family
 * takes the lowest-numbered palette colour not in use that is more than
 * PALETTE_FLOOR from every colour in use (else the farthest free one); a
 * later seed of a family takes the shade of its family's colour farthest from
 * the other families' colours, at least WITHIN_FLOOR from its own family's.
 * With more runs than colours the palette repeats, each repeat marked
 * (colorRepeat). Colours in `previous` that this module did not give are replaced.
 */
export function assignColors(runs: readonly ColorRequest[], previous: ReadonlyMap<string, string>): Map<string, string> {
  const bases = allShadeBases();
  const familyOf = (r: ColorRequest) => r.family ?? `run:${r.id}`;
  const out = new Map<string, string>();
  const used: Array<{ color: string; family: string }> = [];
  const taken = new Set<string>();
  for (const run of runs) {
    if (!run.finished || out.has(run.id)) continue;
    const color = previous.get(run.id)?.toUpperCase();
    if (color === undefined || taken.has(color) || baseOf(color, bases) === null) continue;
    // A kept shade stays with a family whose colour it shades; a kept palette colour starts one.
    const family = familyOf(run);
    const familyBase = used.find((u) => u.family === family);
    if (familyBase && baseOf(familyBase.color, bases) !== baseOf(color, bases)) continue;
    if (!familyBase && !PALETTE.includes(color.slice(0, 7))) continue;
    out.set(run.id, color);
    taken.add(color);
    used.push({ color, family });
  }
  const nearestOther = (color: string, family: string) => Math.min(Infinity, ...used.filter((u) => u.family !== family && colorRepeat(u.color) === 0).map((u) => colorDistance(color, u.color)));
  for (const run of runs) {
    if (!run.finished || out.has(run.id)) continue;
    const family = familyOf(run);
    const own = used.filter((u) => u.family === family);
    const base = own.length ? baseOf(own[0].color, bases) : null;
    let color: string;
    if (base && colorRepeat(own[0].color) === 0) {
      const nearestOwn = (c: string) => Math.min(...own.map((u) => colorDistance(c, u.color)));
      const free = shadesOf(base).filter((c) => !taken.has(c));
      // Palette colours not in use yet are kept clear too: a run that finishes later takes one of them.
      const unused = PALETTE.filter((c) => c !== base && !taken.has(c));
      const nearestUnused = (c: string) => Math.min(Infinity, ...unused.map((u) => colorDistance(c, u)));
      // Far from the other families first (up to the palette's own spacing), then from the colours to come, then from its own seeds.
      const score = (c: string) =>
        (nearestOwn(c) > WITHIN_FLOOR ? 1000 : 0) + 10 * Math.min(nearestOther(c, family), CLEAR) + 3 * Math.min(nearestUnused(c), CLEAR) + 4 * Math.min(nearestOwn(c), 2 * WITHIN_FLOOR);
      let bestScore = -Infinity;
      color = own[0].color;
      for (const c of free) {
        const value = score(c);
        if (value > bestScore) [bestScore, color] = [value, c];
      }
    } else {
      const free = PALETTE.map((_, i) => i).filter((i) => !taken.has(PALETTE[i]));
      const room = new Map(free.map((i) => [i, nearestOther(PALETTE[i], family)]));
      const spaced = free.find((i) => room.get(i)! > PALETTE_FLOOR);
      const farthest = free.reduce<number | undefined>((best, i) => (best === undefined || room.get(i)! > room.get(best)! ? i : best), undefined);
      // A sweep value's first seed takes the free colour with the most room around it, for its shades.
      const seeds = runs.filter((r) => r.finished && r.family !== undefined && r.family === run.family).length;
      // Shades go lighter and darker from a colour of middle lightness; a light one (3:1 on white at L* 61) can only darken.
      const shadeRoom = (i: number) => Math.min(room.get(i)!, CLEAR) - 0.5 * Math.abs(hexToLab(PALETTE[i])[0] - MID_L);
      const roomiest = free.reduce<number | undefined>((best, i) => (best === undefined || shadeRoom(i) > shadeRoom(best) ? i : best), undefined);
      let slot = seeds > 1 ? roomiest : (spaced ?? farthest);
      if (slot === undefined) {
        slot = PALETTE.length;
        while (taken.has(slotColor(slot))) slot++;
      }
      color = slotColor(slot);
    }
    out.set(run.id, color);
    taken.add(color);
    used.push({ color, family });
  }
  return out;
}
