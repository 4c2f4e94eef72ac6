import { useLabStore } from '../store/lab';
import { useQueueStore } from '../store/queueStore';

/** Runs waiting for a worker, in the order they will run: move them, cancel them, let a held queue go on. */
export function QueuePanel() {
  const items = useQueueStore((s) => s.items);
  const held = useQueueStore((s) => s.held);
  const { move, remove, clear } = useQueueStore.getState();
  const runQueue = useLabStore((s) => s.runQueue);
  if (!items.length) return null;
  return (
    <section className="queue" aria-labelledby="queue-title" data-testid="queue">
      <h3 id="queue-title">
        Queue <span className="muted">({items.length} waiting{held ? ', held' : ''})</span>
      </h3>
      <ol>
        {items.map((item, i) => (
          <li key={item.id} data-testid="queued-run">
            <span className="queued-name">{item.name}</span>
            <span className="buttons">
              <button type="button" className="small" disabled={i === 0} onClick={() => move(item.id, -1)} aria-label={`move ${item.name} up`}>
                ↑
              </button>
              <button type="button" className="small" disabled={i === items.length - 1} onClick={() => move(item.id, 1)} aria-label={`move ${item.name} down`}>
                ↓
              </button>
              <button type="button" className="small" onClick={() => remove(item.id)} aria-label={`cancel ${item.name}`}>
                Cancel
              </button>
            </span>
          </li>
        ))}
      </ol>
      <div className="buttons">
        {held && (
          <button type="button" className="primary small" onClick={runQueue} data-testid="run-queue">
            Run queue
          </button>
        )}
        <button type="button" className="small" onClick={clear} data-testid="cancel-queue">
          Cancel all
        </button>
      </div>
    </section>
  );
}
