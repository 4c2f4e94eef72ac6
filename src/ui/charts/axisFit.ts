/**
 * Axes that fit the data: the values' range with a margin on each side, on
 * round ticks, so runs at 96–99 points are spread over the chart instead of
 * crushed under a fixed 0–100. Zooming narrows a domain around a point or to
 * a dragged box. Pure: the trade-off chart draws with it, the tests check it.
 */

export interface Domain {
  min: number;
  max: number;
}

export interface AxisFit extends Domain {
  ticks: number[];
}

/** A round step (1, 2, 2.5 or 5 × 10^k) that cuts `span` into about `count` parts. */
export function niceStep(span: number, count = 5): number {
  const raw = span / Math.max(1, count);
  if (!(raw > 0) || !Number.isFinite(raw)) return 1;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].find((m) => m * power >= raw) ?? 10;
  return step * power;
}

/** Round ticks inside a domain (at most `count` + 1 of them), within `limits` when given (no tick at 104 points of gain). */
export function ticksFor(domain: Domain, count = 5, limits?: Domain): number[] {
  const step = niceStep(domain.max - domain.min, count);
  const lo = Math.max(domain.min, limits?.min ?? -Infinity);
  const hi = Math.min(domain.max, limits?.max ?? Infinity);
  const ticks: number[] = [];
  for (let i = Math.ceil(lo / step - 1e-9); i * step <= hi + 1e-9; i++) ticks.push(Number((i * step).toPrecision(12)));
  return ticks;
}

export interface FitOptions {
  /** The share of the span added on each side: room for a point's marker and its label. */
  margin?: number;
  /** The least span shown, so one point or points a hair apart do not fill the chart with noise. */
  minSpan?: number;
  /** Where the measure itself ends (percentage points: ±100): ticks stay inside it, the domain may reach past it by the margin. */
  limits?: Domain;
  ticks?: number;
  /** Used with no values at all. */
  empty?: Domain;
}

/** The domain and ticks for a set of values: their range, widened to `minSpan`, plus `margin` of it on each side; round ticks inside, and inside the limits. */
export function fitAxis(values: readonly number[], options: FitOptions = {}): AxisFit {
  const { margin = 0.08, minSpan = 10, limits, ticks: count = 5, empty = { min: 0, max: 100 } } = options;
  const finite = values.filter(Number.isFinite);
  if (!finite.length) return { ...empty, ticks: ticksFor(empty, count, limits) };
  let lo = Math.min(...finite);
  let hi = Math.max(...finite);
  if (hi - lo < minSpan) {
    const mid = (lo + hi) / 2;
    lo = mid - minSpan / 2;
    hi = mid + minSpan / 2;
  }
  const pad = (hi - lo) * margin;
  // The margin reaches past the measure's own end no further than the margin itself (room for a marker at 100 points).
  const domain = { min: lo - pad, max: hi + pad };
  return { ...domain, ticks: ticksFor(domain, count, limits) };
}

/** The domain zoomed by `factor` (< 1 zooms in) around `at`, which stays where it is on screen. */
export function zoomAround(domain: Domain, at: number, factor: number): Domain {
  return { min: at - (at - domain.min) * factor, max: at + (domain.max - at) * factor };
}

/** The domain of a dragged span (two data values, either order). */
export function spanDomain(a: number, b: number): Domain {
  return { min: Math.min(a, b), max: Math.max(a, b) };
}
