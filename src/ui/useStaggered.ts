import { useEffect, useState } from 'react';

/**
 * The value, handed on `slot × 25 ms` after it changes. Recharts renders
 * synchronously (its internal store cannot be time-sliced), so each chart
 * takes its update in a task of its own instead of all four in one long task.
 */
export function useStaggered<T>(value: T, slot: number): T {
  const [shown, setShown] = useState(value);
  useEffect(() => {
    if (Object.is(shown, value)) return;
    const timer = setTimeout(() => setShown(value), slot * 25);
    return () => clearTimeout(timer);
  }, [value, shown, slot]);
  return shown;
}
