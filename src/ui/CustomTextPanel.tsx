import './customText.css';
import { useEffect, useId, useState, type DragEvent } from 'react';
import { CUSTOM_MAX_BYTES, CUSTOM_MIN_CHARS, CUSTOM_EXAMPLE, describeChanges, type CustomTextSummary } from '../engine/scenarios/text/customText';
import { addCustomText, addExampleText, chooseCustomText, storedCustomText, useCustomTexts } from '../store/customTexts';
import { useConfigStore } from '../store/configStore';

const ACCEPT = '.txt,.md,.js,.ts,.py,.json,.csv,text/*';

const count = (n: number) => n.toLocaleString('en-US');

/** One line on a text the lab holds: its size, its split and what the vocabulary did to it. */
function summaryLine(s: CustomTextSummary): string {
  const read = s.ms === undefined ? '' : ` Read, checked and split in ${Math.round(s.ms)} ms${s.storedBefore ? ' (this browser had it already: stored once)' : ''}.`;
  return `${count(s.chars)} characters: ${count(s.trainChars)} to train on, the last ${count(s.heldOutChars)} held out to measure it. ${describeChanges(s.changes)}${read}`;
}

/**
 * The custom domain's text: pasted, dropped or chosen, or the built-in
 * example. Each is read in a worker (checked, put through the vocabulary,
 * split, hashed and stored by hash); a bad one is refused by name and the
 * settings stay as they were.
 */
export function CustomTextPanel({ disabled }: { disabled: boolean }) {
  const id = useId();
  const config = useConfigStore((s) => s.config);
  const summary = useCustomTexts((s) => (config.domainHash ? s.summaries[config.domainHash] : undefined));
  const [pasted, setPasted] = useState('');
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  // Whether this browser holds the text the settings name (a link or an import may name one it lacks).
  const [held, setHeld] = useState<boolean | null>(null);

  useEffect(() => {
    let live = true;
    setHeld(null);
    if (config.domainHash) void storedCustomText(config.domainHash).then((t) => live && setHeld(t !== null), () => live && setHeld(false));
    return () => {
      live = false;
    };
  }, [config.domainHash, summary]);

  const add = async (what: string, read: () => Promise<CustomTextSummary>) => {
    setBusy(`Reading ${what}…`);
    setError(null);
    try {
      chooseCustomText(await read());
    } catch (err) {
      setError(`${(err as Error).message}. Nothing was changed.`);
    } finally {
      setBusy(null);
    }
  };
  const addFile = (file: File) => void add(file.name, async () => addCustomText(await file.arrayBuffer(), file.name));
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    const file = e.dataTransfer.files[0];
    if (file && !disabled) addFile(file);
  };

  return (
    <div
      className={`custom-text${dragging ? ' dragging' : ''}`}
      data-testid="custom-text"
      onDragOver={(e) => {
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
    >
      <p className="muted" id={`${id}-help`}>
        Any UTF-8 text, {count(CUSTOM_MIN_CHARS)} characters to {(CUSTOM_MAX_BYTES / 1e6).toFixed(1)} MB: it is lower-cased and every character outside the model’s alphabet becomes a space; its last 5% is held out to measure what the model learns. It stays in this browser.
      </p>
      {config.domainHash ? (
        <p data-testid="custom-text-current">
          Training on <strong>{config.domainName || 'a text of your own'}</strong> <span className="muted">(sha256 {config.domainHash.slice(0, 12)}…)</span>
          {summary ? `: ${summaryLine(summary)}` : held === false ? ': this browser does not have it. Choose that same file, or import the run file that holds it, to run with it.' : '.'}
        </p>
      ) : (
        <p data-testid="custom-text-current">No text yet: paste one, drop or choose a file, or try the example.</p>
      )}
      <label htmlFor={`${id}-paste`}>Paste a text</label>
      <textarea id={`${id}-paste`} rows={4} value={pasted} disabled={disabled || busy !== null} onChange={(e) => setPasted(e.target.value)} aria-describedby={`${id}-help`} data-testid="custom-text-paste" />
      <div className="custom-text-actions">
        <button type="button" className="small" disabled={disabled || busy !== null} onClick={() => void add('the pasted text', () => addCustomText(pasted, 'pasted text'))} data-testid="custom-text-use-paste">
          Use pasted text
        </button>
        <label className="file-button">
          Choose a file (or drop one here)
          <input
            type="file"
            accept={ACCEPT}
            disabled={disabled || busy !== null}
            data-testid="custom-text-file"
            onChange={(e) => {
              const file = e.currentTarget.files?.[0];
              e.currentTarget.value = '';
              if (file) addFile(file);
            }}
          />
        </label>
        <button
          type="button"
          className="small secondary"
          disabled={disabled || busy !== null}
          onClick={() => void add('the example', addExampleText)}
          data-testid="custom-text-example"
        >
          Try the example: {CUSTOM_EXAMPLE.label}
        </button>
      </div>
      <p aria-live="polite" className="muted">
        {busy}
      </p>
      {error && (
        <p role="alert" className="error" data-testid="custom-text-error">
          {error}
        </p>
      )}
    </div>
  );
}
