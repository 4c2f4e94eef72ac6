import { useId, useState, type DragEvent } from 'react';
import type { ClassSource } from '../../share/classView';
import { useClassViewStore } from '../../store/classViewStore';

/** What one addition brought in, for the status line. */
function summaryOf(added: readonly ClassSource[]): string {
  if (!added.length) return 'Nothing to add.';
  const runs = added.reduce((n, s) => n + s.runs - s.duplicates, 0);
  const duplicates = added.reduce((n, s) => n + s.duplicates, 0);
  const failed = added.filter((s) => s.error).length;
  const parts = [`${runs} new run(s) from ${added.length - failed} source(s)`];
  if (duplicates) parts.push(`${duplicates} already here, merged`);
  if (failed) parts.push(`${failed} skipped (see the list)`);
  return `Added ${parts.join('; ')}.`;
}

/** Paste results links, or drop or choose exported run files. */
export function ClassInput() {
  const id = useId();
  const [text, setText] = useState('');
  const [status, setStatus] = useState('');
  const [dragging, setDragging] = useState(false);
  const collected = useClassViewStore((s) => s.view.sources.length > 0);
  const { addLinks, addFiles, clear } = useClassViewStore.getState();

  const added = (before: number) => setStatus(summaryOf(useClassViewStore.getState().view.sources.slice(before)));
  const sourcesNow = () => useClassViewStore.getState().view.sources.length;

  const takeFiles = async (files: File[]) => {
    if (!files.length) return;
    const before = sourcesNow();
    await addFiles(files);
    added(before);
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    void takeFiles([...e.dataTransfer.files]);
  };

  return (
    <div className="class-input">
      <p className="muted">
        Ask each participant to type their name under Share and press Share results (or Export all runs), then paste their links here, one or more per line,
        or drop their files. Nothing here changes your own runs or settings; the same run sent twice counts once. For a class sweep, make its link in the
        sweep panel (or paste it here): the runs then fill its grid, one lever curve.
      </p>
      <div className="teach-field">
        <label htmlFor={`${id}-links`}>Results links</label>
        <textarea id={`${id}-links`} rows={4} value={text} onChange={(e) => setText(e.target.value)} spellCheck={false} data-testid="class-links" />
      </div>
      <div className="buttons">
        <button
          type="button"
          disabled={!text.trim()}
          onClick={() => {
            const before = sourcesNow();
            addLinks(text);
            setText('');
            added(before);
          }}
          data-testid="class-add-links"
        >
          Add links
        </button>
        <button
          type="button"
          disabled={!collected}
          onClick={() => {
            clear();
            setStatus('The class view is empty.');
          }}
          data-testid="class-clear"
        >
          Clear the class view
        </button>
      </div>
      <label
        className={`drop-zone${dragging ? ' dragging' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        Exported run files (JSON): drop them here, or choose them{' '}
        <input
          type="file"
          accept="application/json,.json"
          multiple
          data-testid="class-files"
          onChange={(e) => {
            const files = [...(e.currentTarget.files ?? [])];
            e.currentTarget.value = '';
            void takeFiles(files);
          }}
        />
      </label>
      <p role="status" className="class-status" data-testid="class-status">
        {status}
      </p>
    </div>
  );
}
