import { useViewStore } from '../../store/viewStore';

/** A chart's height: taller in presentation mode, where it is read from the back of a room. */
export function useChartHeight(base: number): number {
  const presenting = useViewStore((s) => s.presenting);
  return presenting ? Math.round(base * 1.5) : base;
}

/**
 * The chart's name for assistive technology: recharts makes the chart one Tab
 * stop (arrow keys walk its points); this names it and says where the numbers are.
 */
export function chartLabel(title: string): { title: string; desc: string } {
  return { title, desc: 'Arrow keys step through the points; the data table below the chart lists every value.' };
}

/** Room for the y axis' tick labels, which grow with the type in presentation mode. */
export function useAxisWidth(base: number): number {
  const presenting = useViewStore((s) => s.presenting);
  return presenting ? Math.round(base * 1.45) : base;
}
