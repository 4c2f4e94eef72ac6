import { describe, expect, it } from 'vitest';
import type { ExperimentEvent } from '../engine/experiment/events';
import { RunController } from './runController';

/** A fake experiment: n step events then done, recording how far it was pulled and whether it was closed. */
function fakeRun(n: number) {
  const state = { pulled: 0, closed: false };
  async function* events(): AsyncGenerator<ExperimentEvent> {
    try {
      for (let step = 1; step <= n; step++) {
        state.pulled = step;
        yield { type: 'step', step, loss: 1 / step, lr: 1e-3 };
      }
      yield { type: 'done', summary: { taskGain: 0, forgetting: 0, taskAcc: 0, generalAcc: 0, taskTokenAcc: 0, generalTokenAcc: 0, steps: n, msPerStep: 1, trainableParams: 1 } };
    } finally {
      state.closed = true;
    }
  }
  return { state, events: events() };
}

const steps = (batches: ExperimentEvent[][]) => batches.flat().filter((e) => e.type === 'step').length;

describe('RunController', () => {
  it('delivers every event in order, batching steps and flushing the rest at once', async () => {
    let clock = 0;
    const controller = new RunController({ flushMs: 100, now: () => clock, yieldToEvents: async () => void (clock += 30) });
    const { events, state } = fakeRun(10);
    const batches: ExperimentEvent[][] = [];
    const outcome = await controller.drive(events, async (b) => void batches.push(b.events));
    expect(outcome).toBe('done');
    expect(batches.flat().map((e) => (e.type === 'step' ? e.step : e.type))).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 'done']);
    expect(batches.length).toBeLessThan(6);
    expect(state.closed).toBe(true);
  });

  it('pauses by not pulling the next event, and resumes where it stopped', async () => {
    const controller = new RunController({ flushMs: 0 });
    const { events, state } = fakeRun(50);
    const batches: ExperimentEvent[][] = [];
    const done = controller.drive(events, ({ events: b }) => {
      batches.push(b);
      if (b.some((e) => e.type === 'step' && e.step === 5)) controller.pause();
    });
    expect(await controller.parked()).toBe(5);
    expect(state.pulled).toBe(5);
    expect(steps(batches)).toBe(5);
    controller.resume();
    expect(await done).toBe('done');
    expect(steps(batches)).toBe(50);
  });

  it('stops early, closes the experiment so it frees its tensors, and says so', async () => {
    const controller = new RunController({ flushMs: 0 });
    const { events, state } = fakeRun(1000);
    const outcome = await controller.drive(events, ({ events: b }) => {
      if (b.some((e) => e.type === 'step' && e.step === 3)) controller.stop();
    });
    expect(outcome).toBe('stopped');
    expect(state.pulled).toBe(3);
    expect(state.closed).toBe(true);
  });

  it('can stop a paused run', async () => {
    const controller = new RunController({ flushMs: 0 });
    const { events, state } = fakeRun(100);
    const done = controller.drive(events, ({ events: b }) => {
      if (b.some((e) => e.type === 'step' && e.step === 2)) controller.pause();
    });
    await controller.parked();
    expect(state.pulled).toBe(2);
    controller.stop();
    expect(await done).toBe('stopped');
    expect(state.closed).toBe(true);
  });

  it('stamps each event with the run’s active time, paused time left out', async () => {
    let clock = 1000;
    const controller = new RunController({ flushMs: 0, now: () => clock, yieldToEvents: async () => void (clock += 10) });
    const { events } = fakeRun(6);
    const stamps: number[] = [];
    const done = controller.drive(events, ({ events: b, at }) => {
      stamps.push(...at);
      if (b.some((e) => e.type === 'step' && e.step === 3)) controller.pause();
    });
    await controller.parked();
    clock += 60_000;
    controller.resume();
    await done;
    // 10 ms per event (the yield after each), the minute paused not counted.
    expect(stamps).toEqual([0, 10, 20, 30, 40, 50, 60]);
  });

  it('trains on while the page takes a batch, waiting only when the page is a whole batch behind', async () => {
    const controller = new RunController({ flushMs: 0 });
    const { events, state } = fakeRun(20);
    const answers: Array<() => void> = [];
    const received: number[] = [];
    const done = controller.drive(events, ({ events: b }) => {
      received.push(...b.filter((e) => e.type === 'step').map((e) => (e.type === 'step' ? e.step : 0)));
      return new Promise<void>((resolve) => answers.push(resolve));
    });
    await new Promise((r) => setTimeout(r, 20));
    // The first batch is unanswered: the next step was pulled and is held for the page, no further.
    expect(received).toEqual([1]);
    expect(state.pulled).toBe(2);
    while (state.pulled < 20 || answers.length) {
      answers.shift()?.();
      await new Promise((r) => setTimeout(r, 1));
    }
    expect(await done).toBe('done');
    expect(received).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });

  it('fails when the page cannot take a batch, and still closes the experiment', async () => {
    const controller = new RunController({ flushMs: 0 });
    const { events, state } = fakeRun(50);
    const done = controller.drive(events, ({ events: b }) => {
      if (b.some((e) => e.type === 'step' && e.step === 4)) throw new Error('the page is gone');
    });
    await expect(done).rejects.toThrow('the page is gone');
    expect(state.pulled).toBeLessThan(50);
    expect(state.closed).toBe(true);
  });
});
