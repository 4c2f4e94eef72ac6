/**
 * The event stream as a zod schema, for what comes back from outside a run:
 * imported files and stored runs. Keep it in step with events.ts (a test
 * checks real runs against it).
 */
import { z } from 'zod';

const finite = z.number().refine(Number.isFinite, 'must be a finite number');
const score = z.strictObject({ acc: finite, tokenAcc: finite, loss: z.number() });
const evalResult = z.strictObject({
  task: score,
  general: z.record(z.string().max(40), score),
  generalAcc: finite,
  generalTokenAcc: finite,
});
const sample = z.strictObject({ skill: z.string().max(40), prompt: z.string().max(200), expected: z.string().max(200), answer: z.string().max(200) });
const drift = z.strictObject({ total: finite, byLayer: z.record(z.string().max(60), finite) });
const summary = z.strictObject({
  taskGain: finite,
  forgetting: finite,
  taskAcc: finite,
  generalAcc: finite,
  taskTokenAcc: finite,
  generalTokenAcc: finite,
  steps: z.number().int(),
  msPerStep: finite,
  trainableParams: z.number().int(),
});

export const eventSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('start'),
    config: z.record(z.string(), z.unknown()),
    backend: z.string().max(20),
    params: z.strictObject({ total: z.number().int(), trainable: z.number().int() }),
  }),
  z.strictObject({ type: z.literal('fisher'), done: z.number().int(), total: z.number().int() }),
  z.strictObject({ type: z.literal('baseline'), eval: evalResult, evalSize: z.number().int().positive(), samples: z.array(sample).max(100) }),
  z.strictObject({ type: z.literal('step'), step: z.number().int(), loss: finite, lr: finite }),
  z.strictObject({
    type: z.literal('eval'),
    step: z.number().int(),
    eval: evalResult,
    evalSize: z.number().int().positive(),
    drift,
    samples: z.array(sample).max(100).optional(),
  }),
  z.strictObject({ type: z.literal('done'), summary }),
  z.strictObject({ type: z.literal('error'), message: z.string().max(2000), step: z.number().int().optional() }),
]);
