import { useId, useMemo } from 'react';
import { classSweepRuns, slotOfName, slotRuns, type ClassSweep } from '../../share/classSweep';
import { cleanParticipantName } from '../../share/participant';
import { useClassSweepStore } from '../../store/classSweepStore';
import { useLabStore } from '../../store/lab';
import { useParticipantStore } from '../../store/participantStore';
import { newRunId } from '../../store/runsStore';
import { ParticipantNameField } from './ParticipantNameField';

const FROM_WORDS = { link: 'from your link', picked: 'picked here', name: 'from your name' } as const;

/** The queue items for one slot: named by their swept values and seed, filed under the class sweep so the lever chart gathers them. */
function queueItems(sweep: ClassSweep, slot: number) {
  const runs = slotRuns(sweep, classSweepRuns(sweep).runs, slot);
  const axes = sweep.axes.map((a) => a.key);
  return runs.map((run) => ({
    id: newRunId(),
    name: `${run.label} · seed ${run.seed}`,
    config: run.config,
    sweep: { id: sweep.id, name: sweep.name, axes, values: run.values, seed: run.seed },
  }));
}

/**
 * A participant's part of a class sweep: which slot of the grid this browser
 * runs (from the link, picked, or from their name), its runs, and one button
 * to queue them; then how to send the results back.
 */
export function ClassSweepPanel({ sweep }: { sweep: ClassSweep }) {
  const id = useId();
  const slot = useClassSweepStore((s) => s.slot);
  const slotFrom = useClassSweepStore((s) => s.slotFrom);
  const queued = useClassSweepStore((s) => s.queued);
  const { pick, markQueued, leave } = useClassSweepStore.getState();
  const ready = useLabStore((s) => s.phase === 'ready' || s.phase === 'measuring');
  const enqueue = useLabStore((s) => s.enqueue);
  const name = cleanParticipantName(useParticipantStore((s) => s.name)).name;
  const all = useMemo(() => classSweepRuns(sweep).runs, [sweep]);
  const mine = slot ? slotRuns(sweep, all, slot) : [];
  const axes = sweep.axes.map((a) => a.key).join(' × ');

  return (
    <section className="class-sweep-panel" aria-labelledby={`${id}-title`} data-testid="class-sweep-panel">
      <h2 id={`${id}-title`}>Class sweep: {sweep.name}</h2>
      <p>
        The class runs {all.length} runs together ({axes}, {sweep.seeds.length} seed(s) each), shared out in {sweep.slots} slot(s). Your browser runs one slot;
        your instructor puts everyone's results together into one curve.
      </p>
      <div className="class-sweep-slot">
        <label htmlFor={`${id}-slot`}>Your slot</label>
        <select
          id={`${id}-slot`}
          value={slot ?? ''}
          onChange={(e) => e.target.value && pick(Number(e.target.value), 'picked')}
          data-testid="class-sweep-slot"
        >
          {slot === null && <option value="">choose…</option>}
          {Array.from({ length: sweep.slots }, (_, i) => (
            <option key={i + 1} value={i + 1}>
              {i + 1} of {sweep.slots}
            </option>
          ))}
        </select>
        <button type="button" className="small" disabled={!name} onClick={() => name && pick(slotOfName(name, sweep.slots), 'name')} data-testid="class-sweep-by-name">
          Pick by my name
        </button>
        {slot !== null && slotFrom && <span className="muted">({FROM_WORDS[slotFrom]})</span>}
      </div>
      {!name && <ParticipantNameField />}
      {slot !== null && (
        <>
          <p data-testid="class-sweep-mine">
            Slot {slot} of {sweep.slots}: {mine.length} run(s): {mine.map((r) => `${r.label} · seed ${r.seed}`).join(', ')}.
          </p>
          <div className="buttons">
            <button
              type="button"
              className="primary"
              disabled={!ready || !mine.length}
              onClick={() => {
                enqueue(queueItems(sweep, slot));
                markQueued(slot);
              }}
              data-testid="class-sweep-queue"
            >
              Queue my {mine.length} run{mine.length === 1 ? '' : 's'}
            </button>
            <button type="button" className="small" onClick={leave}>
              Leave the class sweep
            </button>
          </div>
          {queued.includes(slot) && (
            <p className="muted" role="status" data-testid="class-sweep-next">
              Slot {slot} is queued. When its runs finish, press Share results (under Share, with your name typed in) and send the link to your instructor, or Export all runs and send the file.
            </p>
          )}
        </>
      )}
    </section>
  );
}
