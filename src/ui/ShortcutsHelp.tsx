import { useViewStore } from '../store/viewStore';
import { SHORTCUTS } from './useKeyboardShortcuts';

export function ShortcutsHelp() {
  const show = useViewStore((s) => s.showShortcuts);
  const toggle = useViewStore((s) => s.toggleShortcuts);
  if (!show) return null;
  return (
    <div className="shortcuts" role="dialog" aria-label="Keyboard shortcuts">
      <h2>Keyboard shortcuts</h2>
      <dl>
        {SHORTCUTS.map((s) => (
          <div key={s.keys}>
            <dt>
              <kbd>{s.keys}</kbd>
            </dt>
            <dd>{s.action}</dd>
          </div>
        ))}
      </dl>
      <button type="button" onClick={() => toggle(false)}>
        Close
      </button>
    </div>
  );
}
