/**
 * Keeping LoRA's scale while its rank changes: the rank slider with "keep the
 * scale" on, and a swept rank in a sweep queued the same way, move alpha with
 * the rank so α/r (α/√r with rsLoRA) stays where it was.
 */
import { applySettings } from '../config/keys';
import type { ExperimentConfig } from '../config/schema';
import { loraScale } from '../model/shapes';
import type { SweepRun } from './sweep';

/** The alpha that keeps `lora`'s scale at a new rank. */
export function alphaKeepingScale(lora: Pick<ExperimentConfig['lora'], 'rank' | 'alpha' | 'rslora'>, rank: number): number {
  const scale = loraScale(lora);
  return Number((scale * (lora.rslora ? Math.sqrt(rank) : rank)).toPrecision(6));
}

/** A sweep run's config with, where it sweeps the rank but not alpha and the scale is kept, the alpha that keeps the base's scale. */
export function sweepRunConfig(run: SweepRun, base: ExperimentConfig, keepLoraScale: boolean): ExperimentConfig {
  const rank = run.values['lora.rank'];
  if (!keepLoraScale || typeof rank !== 'number' || rank <= 0 || 'lora.alpha' in run.values) return run.config;
  return applySettings(run.config, { 'lora.alpha': alphaKeepingScale(base.lora, rank) }).config;
}
