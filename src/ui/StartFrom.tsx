/**
 * Where the next runs start: the shipped base model, or the base with trained
 * adapters merged into its weights (config `start`). The adapter library
 * merges what is plugged (MergeIntoBase); the run controls say what the next
 * run starts from, and that a link's adapters are missing here (StartFrom).
 */
import { startEntry } from '../engine/adapters/startSpec';
import { startOf, type LibraryAdapter } from '../runs/adapterLibrary';
import { useConfigStore } from '../store/configStore';
import { useNoticeStore } from '../store/noticeStore';
import { useAdapterLibrary } from './useAdapterLibrary';

const listText = (parts: string[]) => (parts.length < 2 ? parts.join('') : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`);

/** "Merge into the base and train on": the plugged adapters, at their weights, become where the next runs start. */
export function MergeIntoBase({ library, plugs }: { library: readonly LibraryAdapter[]; plugs: Readonly<Record<string, number>> }) {
  const chosen = library.filter((a) => plugs[a.id] !== undefined);
  const training = chosen.filter((a) => a.training);
  const badWeight = chosen.some((a) => !Number.isFinite(plugs[a.id]));
  const why = !chosen.length
    ? 'plug in an adapter first'
    : training.length
      ? `${listText(training.map((a) => a.name))} still ${training.length === 1 ? 'trains' : 'train'}: merge once ${training.length === 1 ? 'it has' : 'they have'} finished`
      : badWeight
        ? 'every weight must be a number'
        : null;
  const merge = () => {
    const store = useConfigStore.getState();
    store.set(
      'start',
      chosen.map((a) => startEntry(a.fingerprint, plugs[a.id])),
    );
    const problem = useConfigStore.getState().errors.find((e) => e.key === 'start');
    if (problem) {
      useNoticeStore.getState().notify(`Could not merge: ${problem.message}`, 'error');
      return;
    }
    useNoticeStore.getState().notify(
      `The next runs start from the base with ${listText(chosen.map((a) => `${a.name} × ${plugs[a.id]}`))} merged into its weights: their "before" is that model.`,
      'info',
    );
  };
  return (
    <p className="merge-into-base">
      <button type="button" onClick={merge} disabled={why !== null} aria-describedby="merge-why" data-testid="merge-into-base">
        Merge into the base and train on
      </button>{' '}
      <span className="muted" id="merge-why">
        {why ?? 'W0 + Σ w·(α/r)·B·A becomes the next runs’ starting weights; any method trains on from there.'}
      </span>
    </p>
  );
}

/** What the next run starts from, when it is not the shipped base; adapters a link names that this lab lacks are said here, before any run. */
export function StartFrom() {
  const start = useConfigStore((s) => s.config.start);
  const { known } = useAdapterLibrary();
  if (!start.length) return null;
  const entries = startOf(start, known);
  const missing = entries.filter((e) => e.name === null);
  const reset = () => useConfigStore.getState().set('start', []);
  return (
    <div className="start-from" data-testid="start-from">
      {/* Short: on a phone this sits in the sticky bar with Start. The adapter panel and the notice say the rest. */}
      <p>
        Runs start from: base + {listText(entries.map((e) => `${e.name ?? `adapter ${e.id}`} × ${e.weight}`))}, merged.{' '}
        <button type="button" className="small" onClick={reset} data-testid="start-from-base">
          Use the base model
        </button>
      </p>
      {missing.length > 0 && (
        <p className="error" role="alert" data-testid="start-missing">
          This lab does not hold {missing.length === 1 ? 'that adapter' : 'those adapters'} ({missing.map((e) => e.id).join(', ')}): import the run file that holds{' '}
          {missing.length === 1 ? 'it' : 'them'} (the LoRA run that trained it, or a run that started from it), or start from the base model.
        </p>
      )}
    </div>
  );
}
