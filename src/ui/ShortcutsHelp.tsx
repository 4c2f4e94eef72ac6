import { useViewStore } from '../store/viewStore';
import { useDialogFocus } from './useDialogFocus';
import { useConfigStore } from '../store/configStore';
import { shortcutsFor } from './useKeyboardShortcuts';

function ShortcutsDialog({ close }: { close: () => void }) {
  const ref = useDialogFocus<HTMLDivElement>();
  const scenario = useConfigStore((s) => s.config.scenario);
  return (
    <div className="shortcuts" role="dialog" aria-modal="false" aria-labelledby="shortcuts-title" tabIndex={-1} ref={ref}>
      <h2 id="shortcuts-title">Keyboard shortcuts</h2>
      <p className="muted">They work whenever the cursor is not in a text field. Esc closes this.</p>
      <dl>
        {shortcutsFor(scenario).map((s) => (
          <div key={s.keys}>
            <dt>
              <kbd>{s.keys}</kbd>
            </dt>
            <dd>{s.action}</dd>
          </div>
        ))}
      </dl>
      <button type="button" onClick={close}>
        Close
      </button>
    </div>
  );
}

export function ShortcutsHelp() {
  const show = useViewStore((s) => s.showShortcuts);
  const toggle = useViewStore((s) => s.toggleShortcuts);
  return show ? <ShortcutsDialog close={() => toggle(false)} /> : null;
}
