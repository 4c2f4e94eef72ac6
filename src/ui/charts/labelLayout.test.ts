import { describe, expect, it } from 'vitest';
import { inside, layoutLabels, overlaps, type Box, type LabelPoint, type PlacedLabel } from './labelLayout';

/** 6.5 px per character: about the chart's 11 px type. */
const measure = (text: string) => 6.5 * text.length;
const options = { measure, lineHeight: 14, radius: 6 };
const plot: Box = { x: 58, y: 10, width: 600, height: 240 };

/** A seeded pseudo-random generator (mulberry32), so a failing case can be rerun. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const point = (id: string, x: number, y: number, label = id, same = `${x},${y}`): LabelPoint => ({ id, x, y, label, same });

function expectSound(labels: PlacedLabel[], points: LabelPoint[]) {
  for (const l of labels) expect(inside(l.box, plot), `${l.text} at ${JSON.stringify(l.box)}`).toBe(true);
  for (let i = 0; i < labels.length; i++) {
    for (let j = i + 1; j < labels.length; j++) expect(overlaps(labels[i].box, labels[j].box), `${labels[i].text} / ${labels[j].text}`).toBe(false);
  }
  // Every point in exactly one label: the folded counts add up.
  const ids = labels.flatMap((l) => l.ids);
  expect(ids.length).toBe(points.length);
  expect(new Set(ids)).toEqual(new Set(points.map((p) => p.id)));
  for (const l of labels) if (l.kind === 'folded') expect(l.text).toMatch(new RegExp(`(^|\\()${l.ids.length} runs\\)?$`));
}

describe('trade-off labels', () => {
  it('keeps a point on the top edge labelled entirely inside the plot', () => {
    const top = point('a', plot.x + plot.width - 2, plot.y + 1, 'Mix in general data');
    const [label] = layoutLabels([top], plot, options);
    expect(inside(label.box, plot)).toBe(true);
    expect(label.text).toBe('Mix in general data');
  });

  it('places two nearby labels apart rather than folding them', () => {
    const points = [point('a', 300, 100, 'low lr'), point('b', 300, 112, 'high lr')];
    const labels = layoutLabels(points, plot, options);
    expect(labels.map((l) => l.kind)).toEqual(['single', 'single']);
    expectSound(labels, points);
  });

  it('gives points at the very same values one label with their count', () => {
    const points = [point('a', 200, 100, 'mix', 'same'), point('b', 200, 100, 'mix', 'same'), point('c', 500, 200, 'ignore')];
    const labels = layoutLabels(points, plot, options);
    expect(labels.find((l) => l.ids.includes('a'))).toMatchObject({ kind: 'identical', text: 'mix ×2', ids: ['a', 'b'] });
    expectSound(labels, points);
  });

  it('folds a pile of labels that cannot all be placed into one that counts them', () => {
    // Twelve runs within a few pixels of each other at the top right corner: no room for twelve labels.
    const points = Array.from({ length: 12 }, (_, i) => point(`r${i}`, plot.x + plot.width - 4 - (i % 4) * 3, plot.y + 3 + Math.floor(i / 4) * 3, `a long run name ${i}`));
    const labels = layoutLabels(points, plot, options);
    expect(labels.some((l) => l.kind === 'folded')).toBe(true);
    expect(labels.length).toBeLessThan(points.length);
    expectSound(labels, points);
  });

  it('says the shared label of a fold whose runs all carry it (seeds of one sweep value)', () => {
    const points = Array.from({ length: 16 }, (_, i) => point(`s${i}`, 400 + (i % 4), 100 + Math.floor(i / 4), 'mix 0.5 · lr 3e-4'));
    const labels = layoutLabels(points, plot, options);
    expect(labels.some((l) => l.kind === 'folded' && l.text === `mix 0.5 · lr 3e-4 (${l.ids.length} runs)`)).toBe(true);
    expectSound(labels, points);
  });

  it('cuts a name wider than the plot to fit it', () => {
    const points = [point('a', 300, 100, 'x'.repeat(200))];
    const [label] = layoutLabels(points, plot, options);
    expect(label.text.endsWith('…')).toBe(true);
    expectSound([label], points);
  });

  it('keeps every label inside and apart for 1 to 40 random points, dense or spread, ties included', () => {
    const rand = random(17);
    for (let trial = 0; trial < 200; trial++) {
      const n = 1 + Math.floor(rand() * 40);
      // Half the trials crowd the points into a corner, the way runs at 96–99 points of gain do.
      const spread = trial % 2 ? 1 : 0.15;
      const points: LabelPoint[] = [];
      for (let i = 0; i < n; i++) {
        const twin = i > 0 && rand() < 0.15 ? points[Math.floor(rand() * points.length)] : null;
        const x = twin ? twin.x : plot.x + plot.width * (1 - spread * rand());
        const y = twin ? twin.y : plot.y + plot.height * spread * rand();
        points.push({ id: `p${i}`, x, y, label: rand() < 0.5 ? `run ${i}` : `ignore the old data, seed ${i}`, same: twin ? twin.same : `s${i}` });
      }
      expectSound(layoutLabels(points, plot, options), points);
    }
  });
});
