import type { Page } from '@playwright/test';

/**
 * A run's events as the worker stamped them and the page received them, and what
 * the page showed when: the record the time-left estimate is judged on (and
 * designed from: src/runs/paceTraces/ holds traces recorded with it).
 */
export interface PaceTrace {
  /** The run's evaluation plan, as its start event gave it. */
  plan: Record<string, unknown>;
  /** Each batch of events: when the page got it (page ms), and each event's kind, step and worker stamp (ms of the run's active time). */
  batches: { page: number; events: { type: string; step?: number; at: number; evalSize?: number; samples?: boolean; timing?: unknown }[] }[];
  /** Each change of the progress text, with the page time it was first on screen. */
  shown: { page: number; text: string }[];
  /** Page time the run's status first read “done”. */
  done: number;
}

/**
 * Before the page loads: records every event batch the worker sends (comlink's
 * call of the page's sink arrives on a MessagePort; the listener is wrapped to
 * copy the batch's kinds, steps and stamps before the page handles it).
 */
export async function recordEventBatches(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const batches: PaceTrace['batches'] = [];
    let plan: Record<string, unknown> = {};
    (window as unknown as { __paceBatches: unknown }).__paceBatches = { batches, plan: () => plan };
    const add = MessagePort.prototype.addEventListener;
    MessagePort.prototype.addEventListener = function (this: MessagePort, type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions) {
      if (type !== 'message' || typeof listener !== 'function') return add.call(this, type, listener, options);
      const wrapped = function (this: MessagePort, ev: Event) {
        const batch = (ev as MessageEvent).data?.argumentList?.[0]?.value as { events?: Record<string, unknown>[]; at?: number[] } | undefined;
        if (Array.isArray(batch?.events) && Array.isArray(batch?.at)) {
          const pageAt = performance.now();
          const events = batch.events.map((e, i) => {
            if (e.type === 'start') {
              const c = e.config as Record<string, unknown>;
              plan = { scenario: c.scenario, steps: c.steps, evalEvery: c.evalEvery, liveEvalSize: c.liveEvalSize, stream: c.stream, stageSteps: c.stageSteps, task: c.task, domain: c.domain };
            }
            return {
              type: String(e.type),
              at: batch.at![i],
              ...(typeof e.step === 'number' ? { step: e.step } : {}),
              ...(typeof e.evalSize === 'number' ? { evalSize: e.evalSize } : {}),
              ...(e.type === 'eval' ? { samples: e.samples !== undefined } : {}),
              ...(e.timing ? { timing: e.timing } : {}),
            };
          });
          batches.push({ page: pageAt, events });
        }
        return listener.call(this, ev);
      };
      return add.call(this, type, wrapped, options);
    };
  });
}

/**
 * Clicks Start and watches every frame: the progress text as it changes, until
 * the new run's status reads “done”. Returns the whole trace.
 */
export async function traceRun(page: Page, timeout: number): Promise<PaceTrace> {
  const rows = await page.locator('[data-testid=run-list] tbody tr').count();
  const watching = page.evaluate(
    ({ rows, timeout }) =>
      new Promise<PaceTrace>((resolve, reject) => {
        const until = performance.now() + timeout;
        const shown: PaceTrace['shown'] = [];
        const recorded = (window as unknown as { __paceBatches: { batches: PaceTrace['batches']; plan: () => Record<string, unknown> } }).__paceBatches;
        const from = recorded.batches.length;
        const tick = () => {
          const text = document.querySelector('[data-testid=progress-text]')?.textContent ?? '';
          if (text !== shown.at(-1)?.text) shown.push({ page: performance.now(), text });
          if (document.querySelectorAll('[data-testid=run-status]')[rows]?.textContent === 'done') {
            resolve({ plan: recorded.plan(), batches: recorded.batches.slice(from), shown, done: performance.now() });
            return;
          }
          if (performance.now() > until) reject(new Error(`the run did not finish; last progress: ${text}`));
          else requestAnimationFrame(tick);
        };
        tick();
      }),
    { rows, timeout },
  );
  await page.getByTestId('start').click();
  return watching;
}
