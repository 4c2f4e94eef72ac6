import { Fragment, type ReactNode } from 'react';
import { glossaryAnchor, glossaryEntry, type GlossaryEntry } from '../../teach/glossary';
import './glossary.css';

/** A link to a glossary entry; its text is the entry's short name unless given. */
export function GlossaryLink({ id, children }: { id: string; children?: ReactNode }) {
  const entry = glossaryEntry(id);
  if (!entry) return <>{children}</>;
  return (
    <a className="glossary-link" href={`#${glossaryAnchor(id)}`}>
      {children ?? entry.short ?? entry.term}
    </a>
  );
}

/** "Glossary: EWC, Fisher information, θ0": links under a control's help or a lesson step. */
export function GlossaryLinks({ entries, label = 'Glossary' }: { entries: readonly GlossaryEntry[]; label?: string }) {
  if (!entries.length) return null;
  return (
    <small className="glossary-links">
      {label}:{' '}
      {entries.map((e, i) => (
        <Fragment key={e.id}>
          {i > 0 && ', '}
          <GlossaryLink id={e.id} />
        </Fragment>
      ))}
    </small>
  );
}
