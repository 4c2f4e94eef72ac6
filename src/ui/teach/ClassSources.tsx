import type { ClassSource } from '../../share/classView';

/** Every link and file added, with what it gave or why it was skipped. */
export function ClassSources({ sources }: { sources: readonly ClassSource[] }) {
  const failed = sources.filter((s) => s.error).length;
  return (
    <details className="class-sources" open={failed > 0 || undefined} data-testid="class-sources">
      <summary>
        {sources.length} source(s){failed ? `, ${failed} skipped` : ''}
      </summary>
      <ul>
        {sources.map((s, i) => (
          <li key={i} className={s.error ? 'skipped' : undefined} data-testid="class-source">
            <strong>{s.label}</strong>
            {s.participant && ` (${s.participant})`}:{' '}
            {s.error ? (
              <>skipped: {s.error}</>
            ) : (
              <>
                {s.classSweep ? `the class sweep ${s.classSweep}` : `${s.runs} run(s)`}
                {s.duplicates ? `, ${s.duplicates} already here (merged)` : ''}
                {s.challengeTitle && `, challenge “${s.challengeTitle}”`}
              </>
            )}
            {s.skipped.length > 0 && (
              <ul>
                {s.skipped.map((what, j) => (
                  <li key={j}>left out: {what}</li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>
    </details>
  );
}
