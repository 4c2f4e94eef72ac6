/**
 * Drives one experiment's event stream for a consumer on the other side of a
 * worker boundary: batches events so the page gets a few messages a second,
 * yields to the event loop between steps (so pause and stop messages are
 * heard), and pauses by simply not pulling the next event.
 */
import type { ExperimentEvent } from '../engine/experiment/events';
import type { RunOutcome } from './protocol';

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
   * `send` may return a promise (a comlink callback does): it is awaited, so
   * batches arrive in order, before the run's outcome, and a slow page slows
   * the run instead of piling up messages.
   */
  async drive(events: AsyncGenerator<ExperimentEvent>, send: (batch: ExperimentEvent[]) => void | Promise<void>): Promise<RunOutcome> {
    const flushMs = this.options.flushMs ?? 100;
    const now = this.options.now ?? (() => Date.now());
    const yieldToEvents = this.options.yieldToEvents ?? yieldViaMessageChannel;
    let pending: ExperimentEvent[] = [];
    let lastFlush = now();
    const flush = async () => {
      const batch = pending;
      pending = [];
      lastFlush = now();
      if (batch.length) await send(batch);
    };
    let outcome: RunOutcome = 'done';
    try {
      for await (const event of events) {
        pending.push(event);
        if (event.type === 'step' || event.type === 'eval') this.lastStep = event.step;
        // Anything but a plain step is worth showing at once.
        if (event.type !== 'step' || now() - lastFlush >= flushMs) await flush();
        if (event.type === 'error') outcome = 'error';
        await yieldToEvents();
        if (this.paused && !this.stopped) {
          await flush();
          await new Promise<void>((resolve) => {
            this.wake = resolve;
            for (const notify of this.onParked.splice(0)) notify();
          });
          this.wake = null;
        }
        if (this.stopped) {
          outcome = 'stopped';
          break;
        }
      }
    } finally {
      await flush();
      // Ends the engine's generator so its finally block frees the tensors.
      await events.return(undefined);
    }
    return outcome;
  }
}
