import type { Piece } from './answerMarks';

const MARK_TITLES: Record<NonNullable<Piece['mark']>, (expected?: string) => string> = {
  wrong: (e) => `wrong: expected ${e}`,
  extra: () => 'extra: past the end of the answer',
  missing: (e) => `missing: expected ${e}`,
  nonWord: () => 'not a word of the English it learned from',
};

/** Text piece by piece (answerMarks.ts): only the wrong symbols, or the made-up words, are marked, each saying why. */
export function MarkedText({ pieces }: { pieces: Piece[] }) {
  return (
    <>
      {pieces.map((p, i) =>
        p.mark ? (
          <mark key={i} className={`piece-${p.mark}`} title={MARK_TITLES[p.mark](p.expected)}>
            {p.text}
            <span className="sr-only"> ({MARK_TITLES[p.mark](p.expected)})</span>
          </mark>
        ) : (
          <span key={i}>{p.text}</span>
        ),
      )}
    </>
  );
}
