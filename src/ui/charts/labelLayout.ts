/**
 * Where the trade-off chart's labels go, so thirty of them read: every label
 * entirely inside the plot box, no two overlapping. Each point tries places
 * around itself (right, above, left, below, the corners), pushed inside the
 * box at the edges; points at the very same values share one label with their
 * count ("×2"); a label that finds no free place is folded, with the label it
 * collides with, into one ("3 runs", or "0.5 (3 runs)" when they share a label) that the chart opens on hover or focus.
 * Pure and synchronous: the chart hands in pixel positions and a text
 * measure, the tests check the promises.
 */

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface LabelPoint {
  id: string;
  /** The point's centre, in pixels. */
  x: number;
  y: number;
  label: string;
  /** Points with equal keys sit at the very same values: one label with their count. */
  same: string;
}

type LabelKind = 'single' | 'identical' | 'folded';

export interface PlacedLabel {
  /** The points the label stands for, in the order given. */
  ids: string[];
  kind: LabelKind;
  text: string;
  box: Box;
  /** The point (or the points' centre, when folded) the label belongs to. */
  anchor: { x: number; y: number };
}

export interface LayoutOptions {
  /** Text width in pixels at the chart's type size. */
  measure: (text: string) => number;
  /** Line height of a label. */
  lineHeight: number;
  /** The marker's radius: labels keep clear of it. */
  radius: number;
  /** Room between marker and label, and around labels. */
  gap?: number;
}

interface Group {
  points: LabelPoint[];
  identical: boolean;
}

export const overlaps = (a: Box, b: Box): boolean => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

export const inside = (a: Box, plot: Box): boolean => a.x >= plot.x && a.y >= plot.y && a.x + a.width <= plot.x + plot.width && a.y + a.height <= plot.y + plot.height;

/** The label's words: the run's own label; its count for points at the same values; how many runs a fold holds. */
function textOf(group: Group): { text: string; kind: LabelKind } {
  const n = group.points.length;
  if (n === 1) return { text: group.points[0].label, kind: 'single' };
  const labels = new Set(group.points.map((p) => p.label));
  if (group.identical) return { text: labels.size === 1 ? `${group.points[0].label} ×${n}` : `×${n} runs`, kind: 'identical' };
  // The seeds of one sweep value share a label: say it, and how many.
  return { text: labels.size === 1 ? `${group.points[0].label} (${n} runs)` : `${n} runs`, kind: 'folded' };
}

const centre = (points: readonly LabelPoint[]) => ({ x: points.reduce((s, p) => s + p.x, 0) / points.length, y: points.reduce((s, p) => s + p.y, 0) / points.length });

/** Cuts a text to a width with an ellipsis (a name longer than the whole plot). */
function fitText(text: string, width: number, measure: (t: string) => number): string {
  if (measure(text) <= width) return text;
  let cut = text.length;
  while (cut > 1 && measure(`${text.slice(0, cut)}…`) > width) cut--;
  return `${text.slice(0, cut)}…`;
}

/** A box moved inside the plot (it fits: its width was cut to the plot's). */
function clampInto(box: Box, plot: Box): Box {
  const x = Math.min(Math.max(box.x, plot.x), plot.x + plot.width - box.width);
  const y = Math.min(Math.max(box.y, plot.y), plot.y + plot.height - box.height);
  return { ...box, x, y };
}

/** The places tried around an anchor, best first: right of it, above, left, below, then the corners. */
function candidates(anchor: { x: number; y: number }, width: number, height: number, clear: number): Box[] {
  const { x, y } = anchor;
  return [
    { x: x + clear, y: y - height / 2 },
    { x: x - width / 2, y: y - clear - height },
    { x: x - clear - width, y: y - height / 2 },
    { x: x - width / 2, y: y + clear },
    { x: x + clear * 0.7, y: y - clear * 0.7 - height },
    { x: x - clear * 0.7 - width, y: y - clear * 0.7 - height },
    { x: x + clear * 0.7, y: y + clear * 0.7 },
    { x: x - clear * 0.7 - width, y: y + clear * 0.7 },
  ].map((p) => ({ ...p, width, height }));
}

/** Groups of points at the same values, in the order their first point comes. */
function stacks(points: readonly LabelPoint[]): Group[] {
  const bySame = new Map<string, LabelPoint[]>();
  for (const p of points) bySame.set(p.same, [...(bySame.get(p.same) ?? []), p]);
  return [...bySame.values()].map((ps) => ({ points: ps, identical: ps.length > 1 }));
}

/**
 * Labels for the points, each inside `plot`, none overlapping another. Every
 * point is in exactly one label's `ids`. Terminates: each fold merges two
 * groups into one, and a single group always has a place (inside the box,
 * nothing to collide with).
 */
export function layoutLabels(points: readonly LabelPoint[], plot: Box, options: LayoutOptions): PlacedLabel[] {
  const { measure, lineHeight, radius, gap = 3 } = options;
  const pad = 2;
  let groups = stacks(points);
  for (;;) {
    const order = groups.map((g, i) => ({ g, i, a: centre(g.points) })).sort((p, q) => p.a.y - q.a.y || p.a.x - q.a.x || p.i - q.i);
    const placed: Array<{ group: Group; label: PlacedLabel }> = [];
    const markers: Box[] = points.map((p) => ({ x: p.x - radius, y: p.y - radius, width: 2 * radius, height: 2 * radius }));
    let fold: [Group, Group] | null = null;
    for (const { g, a } of order) {
      const { text: full, kind } = textOf(g);
      const text = fitText(full, plot.width - 2 * pad, measure);
      const width = measure(text) + 2 * pad;
      const height = Math.min(lineHeight, plot.height);
      const boxes = candidates(a, width, height, radius + gap).map((b) => clampInto(b, plot));
      // A ring further out, tried before a label is let cover another run's point.
      const outer = candidates(a, width, height, 2.2 * (radius + gap)).map((b) => clampInto(b, plot));
      const free = (b: Box) => !placed.some((p) => overlaps(b, p.label.box));
      const own = new Set(g.points.map((p) => p.id));
      const clearOfMarkers = (b: Box) => !markers.some((m, i) => !own.has(points[i].id) && overlaps(b, m));
      const clearOfOwn = (b: Box) => !overlaps(b, { x: a.x - radius, y: a.y - radius, width: 2 * radius, height: 2 * radius });
      const clean = (b: Box) => free(b) && clearOfMarkers(b) && clearOfOwn(b);
      const box = boxes.find(clean) ?? outer.find(clean) ?? boxes.find(free);
      if (!box) {
        // Fold into the nearest label already placed that the first choice runs into.
        // Every place is blocked, so some label was placed: fold into the nearest of those in the way.
        const hit = placed.filter((p) => boxes.some((b) => overlaps(b, p.label.box)));
        const distance = (p: (typeof placed)[number]) => Math.hypot(p.label.anchor.x - a.x, p.label.anchor.y - a.y);
        const nearest = hit.reduce((best, p) => (distance(p) < distance(best) ? p : best));
        fold = [g, nearest.group];
        break;
      }
      placed.push({ group: g, label: { ids: g.points.map((p) => p.id), kind, text, box, anchor: a } });
    }
    if (!fold) {
      const rank = new Map(points.map((p, i) => [p.id, i]));
      return placed.map((p) => ({ ...p.label, ids: [...p.label.ids].sort((x, y) => rank.get(x)! - rank.get(y)!) }));
    }
    const [a, b] = fold;
    const merged: Group = { points: [...b.points, ...a.points], identical: a.identical && b.identical && a.points[0].same === b.points[0].same };
    groups = [...groups.filter((g) => g !== a && g !== b), merged];
  }
}
