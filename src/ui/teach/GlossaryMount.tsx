import { Fragment } from 'react';
import { GLOSSARY, glossaryAnchor } from '../../teach/glossary';
import { GlossaryLink } from './GlossaryLink';
import './glossary.css';

const SORTED = [...GLOSSARY].sort((a, b) => a.term.localeCompare(b.term, 'en'));

/** Every term the controls, charts and lessons use, in plain words; each control's help links to its terms here. */
export function GlossaryMount() {
  return (
    <section className="glossary" aria-labelledby="glossary-title" data-testid="glossary">
      <h2 id="glossary-title">Glossary</h2>
      <p className="muted">The words the settings, charts and lessons use. The links under each setting lead here.</p>
      <dl>
        {SORTED.map((entry) => (
          <div key={entry.id} id={glossaryAnchor(entry.id)} className="glossary-entry" tabIndex={-1}>
            <dt>{entry.term}</dt>
            <dd>
              {entry.text}
              {entry.formula && <code className="formula">{entry.formula}</code>}
              {entry.seeAlso && (
                <span className="see-also">
                  See also:{' '}
                  {entry.seeAlso.map((id, i) => (
                    <Fragment key={id}>
                      {i > 0 && ', '}
                      <GlossaryLink id={id} />
                    </Fragment>
                  ))}
                </span>
              )}
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
