/** A padlock drawn in SVG (the emoji renders as an empty box where no emoji font is installed). */
export function LockIcon({ label }: { label: string }) {
  return (
    <svg className="lock-icon" width="14" height="14" viewBox="0 0 16 16" role="img" aria-label={label}>
      <title>{label}</title>
      <rect x="2.5" y="7" width="11" height="8" rx="1.5" fill="currentColor" />
      <path d="M5 7V5a3 3 0 0 1 6 0v2" fill="none" stroke="currentColor" strokeWidth="1.8" />
    </svg>
  );
}
