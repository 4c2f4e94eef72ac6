import { useNoticeStore } from '../store/noticeStore';

/** Messages as plain text (never HTML), each dismissable. */
export function Notices() {
  const notices = useNoticeStore((s) => s.notices);
  const dismiss = useNoticeStore((s) => s.dismiss);
  if (!notices.length) return null;
  return (
    // Not a <ul>: an item with role=status is no longer a list item (axe 'list'); each notice is its own live region.
    <div className="notices" data-testid="notices">
      {notices.map((n) => (
        <div key={n.id} className={`notice ${n.kind}`} role={n.kind === 'error' ? 'alert' : 'status'}>
          <span>{n.text}</span>
          {n.action && (
            <button
              type="button"
              className="small"
              onClick={() => {
                n.action!.run();
                dismiss(n.id);
              }}
            >
              {n.action.label}
            </button>
          )}
          <button type="button" className="small" onClick={() => dismiss(n.id)} aria-label="dismiss message">
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
