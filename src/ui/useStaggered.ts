import { useEffect, useRef, useState } from 'react';

/**
 * The value, handed on `slot × 25 ms` after it changes and at most once per
 * `intervalMs`. Recharts renders synchronously (its internal store cannot be
 * time-sliced), so each chart takes its update in a task of its own instead
 * of all in one long task, and runs evaluating in parallel do not redraw the
 * charts faster than anyone reads them (the page's thread shares the cores
 * with the training workers). The last value always arrives.
 */
export function useStaggered<T>(value: T, slot: number, intervalMs = 0): T {
  const [shown, setShown] = useState(value);
  const lastShownAt = useRef(0);
  useEffect(() => {
    if (Object.is(shown, value)) return;
    const wait = Math.max(slot * 25, lastShownAt.current + intervalMs - performance.now());
    const timer = setTimeout(() => {
      lastShownAt.current = performance.now();
      setShown(value);
    }, wait);
    return () => clearTimeout(timer);
  }, [value, shown, slot, intervalMs]);
  return shown;
}
