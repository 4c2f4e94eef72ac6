/** Number formats shared by the page. */
export const pct = (x: number, digits = 0) => `${(100 * x).toFixed(digits)}%`;
/** A base model's accuracy, one format wherever the page gives it (introduction, base-model panel): '0.8%'. */
export const baseAcc = (x: number) => pct(x, 1);
export const pts = (x: number, digits = 1) => `${x >= 0 ? '+' : '−'}${Math.abs(100 * x).toFixed(digits)}`;

/** Compact numbers for sliders: 0.001 -> 1e-3, 0.0003 -> 3e-4, 0.25 -> 0.25, 12 -> 12. */
export function compact(x: number): string {
  if (x === 0) return '0';
  const a = Math.abs(x);
  if (a < 0.01 || a >= 1e4) {
    const [mantissa, exponent] = x.toExponential(1).split('e');
    return `${mantissa.replace(/\.0$/, '')}e${exponent.replace('+', '')}`;
  }
  return String(Number(x.toPrecision(3)));
}

export function duration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '—';
  if (seconds < 60) return `${Math.max(0, Math.round(seconds))} s`;
  return `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;
}

/** Made once: building an Intl formatter costs milliseconds, and the run list formats a time per row. */
const CLOCK = new Intl.DateTimeFormat([], { hour: '2-digit', minute: '2-digit' });

export function clockTime(ms: number): string {
  return CLOCK.format(ms);
}
