import { useId, useState } from 'react';
import type { SweepAxis } from '../engine/sweep/sweep';
import { classSweepParams, makeClassSweep, type ClassSweep } from '../share/classSweep';
import { decodeLink } from '../share/link';
import { useClassViewStore } from '../store/classViewStore';
import { useConfigStore } from '../store/configStore';
import { currentLink } from '../store/linkSync';
import { useNoticeStore } from '../store/noticeStore';
import { useShareLabStore } from '../store/shareLabStore';

/** The link for a class sweep on the current settings: the experiment link (never in presentation mode) and the sweep; for one slot, `slot=i/n`. */
function linkFor(sweep: ClassSweep, slot?: number): string {
  return `${currentLink({ present: false }).url}&${classSweepParams(sweep, slot)}`;
}

/**
 * The sweep panel's class sweep: the same knobs, values and seeds, dealt to a
 * class in slots. Makes the link (and one per slot, to hand out), copies it,
 * shows it on the projector, and sets the class view to gather its results.
 */
export function ClassSweepLinkMaker({ name, axes, seeds, runs, keepLoraScale, disabled }: { name: string; axes: SweepAxis[]; seeds: number[]; runs: number; keepLoraScale: boolean; disabled: boolean }) {
  const id = useId();
  const [slots, setSlots] = useState(Math.min(10, Math.max(1, runs)));
  const [made, setMade] = useState<{ link: string; slotLinks: string[]; sweep: ClassSweep } | null>(null);
  const notify = useNoticeStore((s) => s.notify);
  const slotCount = Math.max(1, Math.min(slots, runs));

  const make = async () => {
    const draft = linkFor(makeClassSweep({ name, base: useConfigStore.getState().config, axes, seeds, slots: slotCount, keepLoraScale }));
    // The class view reads the sweep back from the link itself, as participants will: one source of truth.
    const read = decodeLink(draft);
    if (!read.classSweep) {
      notify(`The class sweep link could not be made: ${read.classSweepErrors.map((e) => e.message).join('; ')}`, 'error');
      return;
    }
    const sweep = read.classSweep;
    const link = linkFor(sweep);
    setMade({ link, sweep, slotLinks: Array.from({ length: sweep.slots }, (_, i) => linkFor(sweep, i + 1)) });
    useClassViewStore.getState().setSweep(sweep);
    try {
      await navigator.clipboard.writeText(link);
      notify(`Class sweep link copied (${link.length} characters): ${runs} runs in ${sweep.slots} slot(s). The class view below gathers its results.`, 'success');
    } catch {
      notify(`The class sweep link is in the box under the sweep panel: copy it from there. The class view below gathers its results.`, 'info');
    }
  };

  return (
    <details className="class-sweep-maker" data-testid="class-sweep-maker">
      <summary>For a class: share this sweep out</summary>
      <p className="muted" id={`${id}-hint`}>
        Each participant's browser runs one slot of these {runs} runs; their results links or files, added to the class view, make one lever curve.
      </p>
      <div className="sweep-seeds">
        <label htmlFor={`${id}-slots`}>Slots (participants)</label>
        <input
          id={`${id}-slots`}
          type="number"
          min={1}
          max={Math.max(1, runs)}
          value={slots}
          onChange={(e) => setSlots(Math.max(1, Math.min(runs || 1, Math.round(Number(e.target.value)) || 1)))}
          aria-describedby={`${id}-hint`}
          data-testid="class-sweep-slots"
        />
        <span className="muted">{runs > 0 && `${Math.ceil(runs / slotCount)} run(s) each at most`}</span>
      </div>
      <div className="buttons">
        <button type="button" disabled={disabled} onClick={() => void make()} data-testid="make-class-sweep">
          Make a class sweep link
        </button>
        {made && (
          <button type="button" className="small" onClick={() => useShareLabStore.getState().show({ url: made.link, what: `Class sweep: ${made.sweep.name}` })} data-testid="class-sweep-qr">
            Show it as a QR code
          </button>
        )}
      </div>
      {made && (
        <>
          <input className="link-box" readOnly value={made.link} aria-label="class sweep link" data-testid="class-sweep-link" onFocus={(e) => e.currentTarget.select()} />
          <label htmlFor={`${id}-slot-links`}>One link per slot, to hand out (or let each participant pick a slot, or their name pick it)</label>
          <textarea id={`${id}-slot-links`} readOnly rows={3} value={made.slotLinks.map((l, i) => `slot ${i + 1}: ${l}`).join('\n')} data-testid="class-sweep-slot-links" />
        </>
      )}
    </details>
  );
}
