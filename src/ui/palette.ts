/**
 * Run colours: 24 colours that stay apart on a white background, and who gets
 * which. Pure (no React, no DOM), so the stores and charts share it.
 *
 * The palette (palette.test.ts measures all of this):
 * - every colour has a contrast of at least 3:1 against white (WCAG 2.1's
 *   non-text contrast, 1.4.11): the least is Okabe–Ito's reddish purple, 3.06;
 * - every pair differs by at least 15 in CIEDE2000 (ΔE00; measured least 16.4,
 *   indigo #332288 against navy #004466). One ΔE00 is about one just-noticeable
 *   difference between large patches; thin lines and small dots need several
 *   times more (Stone, Szafir & Setlur 2014), so 15 leaves a wide margin;
 * - the first 8 are colour-blind safe: four of Okabe–Ito's colours (their
 *   orange, sky blue and yellow are too light on white, black would read as
 *   the chart's ink), Paul Tol's purple (bright scheme) and indigo (muted),
 *   and his dark teal and brown (dark scheme); pairwise ΔE00 ≥ 20 for normal
 *   vision and ≥ 10 with protanopia, deuteranopia or tritanopia simulated
 *   (Machado et al. 2009, full severity);
 * - the other 16 were picked greedily, each the farthest (ΔE00) from all
 *   before it among sRGB colours with enough contrast, L* ≥ 22 and chroma
 *   20–75 (no near-black, no grey, no neon), then nudged apart.
 */
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
  '#4A2F11', // umber
  '#848E64', // sage
  '#4CA119', // leaf green
  '#7888FF', // periwinkle
  '#EF2D6A', // raspberry
  '#319BA2', // teal
  '#BD8711', // ochre
  '#CD302B', // red
  '#5A5AC0', // slate blue
  '#606200', // olive
  '#976567', // mauve
  '#004466', // navy
  '#660058', // plum
  '#887FA7', // lavender grey
  '#346C43', // forest green
  '#A48369', // tan
];

/** How many of the first colours are colour-blind safe. */
export const COLORBLIND_SAFE = 8;

/** Rounds through the palette that the repeat mark can tell apart; later rounds share the last mark. */
const MAX_ROUND = 127;

/**
 * The colour of palette slot `slot` (0, 1, 2, …): slot i of round r is
 * PALETTE[i] for r = 0; for r ≥ 1 (beyond the palette's 24 runs) it is the
 * same colour with an alpha byte of 0xFF − r ('#0072B2FE'): it draws the same,
 * and colorRepeat() reads r back so the page can mark the repeat.
 */
function slotColor(slot: number): string {
  const base = PALETTE[slot % PALETTE.length];
  const round = Math.min(Math.floor(slot / PALETTE.length), MAX_ROUND);
  return round === 0 ? base : `${base}${(0xff - round).toString(16).toUpperCase()}`;
}

/** The slot of a colour this module gave, or null for any other colour. */
function slotOf(color: string): number | null {
  const m = /^(#[0-9A-F]{6})([0-9A-F]{2})?$/.exec(color.toUpperCase());
  if (!m) return null;
  const index = PALETTE.indexOf(m[1]);
  if (index < 0) return null;
  const round = m[2] === undefined ? 0 : 0xff - parseInt(m[2], 16);
  if (round < 0 || round > MAX_ROUND || (m[2] !== undefined && round === 0)) return null;
  return round * PALETTE.length + index;
}

/**
 * 0 for a colour's first use; 1, 2, … for a run that repeats a colour another
 * run already has (more runs than colours). The page marks repeats (hollow
 * dots, a small '²' beside the name): dashes already mean the general-skill
 * curve.
 */
export function colorRepeat(color: string): number {
  const slot = slotOf(color);
  return slot === null ? 0 : Math.floor(slot / PALETTE.length);
}

/**
 * Colours for the runs on the charts. Only finished runs get one (a running,
 * stopped or failed run has none). A run keeps the colour it was given
 * (`previous`, the last result); a newly finished run takes the lowest-numbered
 * colour not in use, so the colours of runs that are gone (no longer in
 * `runs`, or no longer finished) are freed for the next ones. With more runs
 * than colours the palette repeats, each repeat marked (colorRepeat).
 * Colours in `previous` that this palette did not give are replaced.
 */
export function assignColors(runs: readonly { id: string; finished: boolean }[], previous: ReadonlyMap<string, string>): Map<string, string> {
  const slots = new Map<string, number>();
  const taken = new Set<number>();
  for (const run of runs) {
    if (!run.finished || slots.has(run.id)) continue;
    const color = previous.get(run.id);
    const slot = color === undefined ? null : slotOf(color);
    if (slot !== null && !taken.has(slot)) {
      slots.set(run.id, slot);
      taken.add(slot);
    }
  }
  let next = 0;
  const out = new Map<string, string>();
  for (const run of runs) {
    if (!run.finished || out.has(run.id)) continue;
    let slot = slots.get(run.id);
    if (slot === undefined) {
      while (taken.has(next)) next++;
      slot = next;
      taken.add(slot);
    }
    out.set(run.id, slotColor(slot));
  }
  return out;
}
