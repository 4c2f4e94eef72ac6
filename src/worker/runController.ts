/**
 * Drives one experiment's event stream for a consumer on the other side of a
 * worker boundary: batches events so the page gets a few messages a second,
 * stamps each with the run's active time (the page's time-left estimate reads
 * the pace from it), yields to the event loop between steps (so pause and
 * stop messages are heard), and pauses by simply not pulling the next event.
 */
import type { ExperimentEvent } from '../engine/experiment/events';
import type { EventBatch, RunOutcome } from './protocol';

export interface RunControllerOptions {
  /** Longest time events wait before they are sent, in ms. */
  flushMs?: number;
  /** Lets other messages in between steps. */
  yieldToEvents?: () => Promise<void>;
  now?: () => number;
}

/** A macrotask yield without setTimeout's 4 ms clamp. */
function yieldViaMessageChannel(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

export class RunController {
  private paused = false;
  private stopped = false;
  private wake: (() => void) | null = null;
  private onParked: Array<() => void> = [];
  /** The step of the last event pulled: where a paused run holds. */
  private lastStep = 0;
  /** Time spent parked (paused), left out of the run's active time. */
  private parkedMs = 0;

  constructor(private readonly options: RunControllerOptions = {}) {}

  pause(): void {
    this.paused = true;
  }

  /** Resolves, with the step it holds at, once a paused run has stopped pulling events (at once if it already has). */
  parked(): Promise<number> {
    return new Promise((resolve) => (this.wake ? resolve(this.lastStep) : this.onParked.push(() => resolve(this.lastStep))));
  }

  resume(): void {
    this.paused = false;
    this.wake?.();
  }

  stop(): void {
    this.stopped = true;
    this.wake?.();
  }

  /**
   * `send` may return a promise (a comlink callback does). At most one batch
   * is unanswered: the worker trains on while the page takes the last one,
   * and waits only when the page is a whole batch behind (so a slow page
   * slows the run instead of piling up messages). Every batch is answered
   * before the run's outcome.
   */
  async drive(events: AsyncGenerator<ExperimentEvent>, send: (batch: EventBatch) => void | Promise<void>): Promise<RunOutcome> {
    const flushMs = this.options.flushMs ?? 100;
    const now = this.options.now ?? (() => performance.now());
    const yieldToEvents = this.options.yieldToEvents ?? yieldViaMessageChannel;
    const started = now();
    const activeMs = () => now() - started - this.parkedMs;
    let pending: EventBatch = { events: [], at: [], waitedMs: 0 };
    let lastFlush = started;
    let waitedMs = 0;
    /** The batch the page has not answered yet; its failure is kept to be thrown where it is awaited. */
    let unanswered: Promise<{ error: unknown } | null> | null = null;
    const answered = async () => {
      if (!unanswered) return;
      const waitFrom = now();
      const failed = await unanswered;
      unanswered = null;
      waitedMs += now() - waitFrom;
      if (failed) throw failed.error;
    };
    const flush = async () => {
      lastFlush = now();
      if (!pending.events.length) return;
      await answered();
      const batch = { ...pending, waitedMs };
      pending = { events: [], at: [], waitedMs: 0 };
      unanswered = Promise.resolve()
        .then(() => send(batch))
        .then(
          () => null,
          (error: unknown) => ({ error }),
        );
    };
    let outcome: RunOutcome = 'done';
    try {
      for await (const event of events) {
        pending.events.push(event);
        pending.at.push(activeMs());
        if (event.type === 'step' || event.type === 'eval') this.lastStep = event.step;
        // Anything but a plain step is worth showing at once.
        if (event.type !== 'step' || now() - lastFlush >= flushMs) await flush();
        if (event.type === 'error') outcome = 'error';
        await yieldToEvents();
        if (this.paused && !this.stopped) {
          await flush();
          await answered();
          const parkedAt = now();
          await new Promise<void>((resolve) => {
            this.wake = resolve;
            for (const notify of this.onParked.splice(0)) notify();
          });
          this.wake = null;
          this.parkedMs += now() - parkedAt;
        }
        if (this.stopped) {
          outcome = 'stopped';
          break;
        }
      }
    } finally {
      try {
        await flush();
        await answered();
      } finally {
        // Ends the engine's generator so its finally block frees the tensors, even when the page is gone.
        await events.return(undefined);
      }
    }
    return outcome;
  }
}
