/**
 * Axes in percentage points (task gain, forgetting): 0 to 100 with round
 * ticks, reaching below 0 only as far as a value does (a run can lose task
 * points or gain general ones), so the ticks stay 0, 25, 50, 75, 100.
 */
export const POINTS_DOMAIN: [(min: number) => number, number] = [(min) => Math.min(0, Math.floor(min)), 100];
export const POINTS_TICKS = [0, 25, 50, 75, 100];
