/**
 * Learning-rate schedules, as a function of the step (0-based) and the run length.
 * - constant: lr at every step.
 * - cosine: linear warm-up from 0 over `warmup` steps, then cosine decay to `minRatio`·lr.
 * - rewarm: the schedule of continual pre-training (Ibrahim et al., 2024): the base
 *   model ends its pre-training at a low rate; the new run starts there, re-warms
 *   linearly to lr over `warmup` steps, then decays by cosine again.
 */
type ScheduleKind = 'constant' | 'cosine' | 'rewarm';

export interface ScheduleSpec {
  kind: ScheduleKind;
  lr: number;
  warmup: number;
  steps: number;
  /** Where cosine decay ends, and where re-warming starts, as a share of lr. */
  minRatio: number;
}

export function learningRate(spec: ScheduleSpec, step: number): number {
  const { kind, lr, steps, minRatio } = spec;
  if (kind === 'constant') return lr;
  const warmup = Math.min(spec.warmup, Math.max(steps - 1, 0));
  const floor = lr * minRatio;
  const start = kind === 'rewarm' ? floor : 0;
  if (step < warmup) return start + ((lr - start) * (step + 1)) / warmup;
  const span = Math.max(steps - warmup, 1);
  const progress = Math.min((step - warmup) / span, 1);
  return floor + (lr - floor) * 0.5 * (1 + Math.cos(Math.PI * progress));
}
