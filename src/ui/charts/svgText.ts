import { useCallback, useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react';
import { useViewStore } from '../../store/viewStore';

/** An element's width in pixels, kept up to date as the page resizes (the chart draws its own SVG at that width). */
export function useElementWidth<T extends HTMLElement>(initial: number): [RefObject<T | null>, number] {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(initial);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const read = () => setWidth(Math.max(1, Math.round(el.getBoundingClientRect().width)));
    read();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(read);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return [ref, width];
}

let canvas: HTMLCanvasElement | null = null;

/**
 * How wide a text is in the type of a probe element (a hidden SVG text with
 * the labels' class): the page's styles set the size, larger in presentation
 * mode, and the label layout must measure in that size. Falls back to an
 * estimate where there is no canvas.
 */
export function useTextMeasure(): { probe: RefObject<SVGTextElement | null>; measure: (text: string) => number; fontSize: number } {
  const probe = useRef<SVGTextElement>(null);
  const [font, setFont] = useState({ size: 11, family: 'system-ui, sans-serif', weight: '400' });
  const presenting = useViewStore((s) => s.presenting);
  useEffect(() => {
    // Read after the frame: presentation mode's class goes on the root element in the App's effect, which runs after this one.
    const frame = requestAnimationFrame(() => {
      const el = probe.current;
      if (!el) return;
      const style = getComputedStyle(el);
      const next = { size: parseFloat(style.fontSize) || 11, family: style.fontFamily, weight: style.fontWeight };
      setFont((f) => (f.size === next.size && f.family === next.family && f.weight === next.weight ? f : next));
    });
    return () => cancelAnimationFrame(frame);
  }, [presenting]);
  const measure = useCallback(
    (text: string) => {
      canvas ??= typeof document === 'undefined' ? null : document.createElement('canvas');
      const ctx = canvas?.getContext('2d');
      if (!ctx) return 0.6 * font.size * text.length;
      ctx.font = `${font.weight} ${font.size}px ${font.family}`;
      return Math.ceil(ctx.measureText(text).width);
    },
    [font],
  );
  return { probe, measure, fontSize: font.size };
}
