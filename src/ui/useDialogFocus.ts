import { useEffect, useRef } from 'react';

/**
 * A dialog takes focus when it opens and gives it back when it closes, so a
 * keyboard user lands in it and returns to where they were.
 */
export function useDialogFocus<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    ref.current?.focus();
    return () => {
      if (before && document.contains(before)) before.focus();
    };
  }, []);
  return ref;
}
