/**
 * One table of controls, grouped as the lab tells its story. Keys are the
 * config's dotted keys; ranges sit inside what the schema enforces (the
 * schema has the last word on every value).
 */
import { LORA_TARGETS, REG_KINDS, type ExperimentConfig } from '../../engine/config/schema';
import type { HIDEABLE, Section } from '../../engine/config/sections';
import { TASKS } from '../../engine/data/skills';

export type Widget =
  | { kind: 'select'; options: { value: string; label: string }[] }
  | { kind: 'slider'; min: number; max: number; step: number; log?: boolean; integer?: boolean }
  | { kind: 'toggle' }
  | { kind: 'targets'; options: readonly string[] }
  | { kind: 'number'; min: number; max: number; integer?: boolean };

export interface ControlSpec {
  key: string;
  label: string;
  help: string;
  widget: Widget | ((config: ExperimentConfig) => Widget);
  /** Shown only when it matters for the current config. */
  visible?: (config: ExperimentConfig) => boolean;
}

export interface ControlGroup {
  /** The config section the group shows (its other sections' keys may sit in it too: method holds lora.* and freeze.*). */
  id: Section;
  title: string;
  controls: ControlSpec[];
}

const STRENGTH_WIDGETS: Record<string, Widget> = {
  l2sp: { kind: 'slider', min: 1e-3, max: 100, step: 0.05, log: true },
  ewc: { kind: 'slider', min: 1e-3, max: 1e3, step: 0.05, log: true },
  clamp: { kind: 'slider', min: 1e-4, max: 0.1, step: 0.05, log: true },
  none: { kind: 'slider', min: 1e-3, max: 100, step: 0.05, log: true },
};

export const CONTROL_GROUPS: ControlGroup[] = [
  {
    id: 'task',
    title: 'Task',
    controls: [
      {
        key: 'task',
        label: 'New task',
        help: 'What the model is fine-tuned on. None of these was in pre-training.',
        widget: { kind: 'select', options: TASKS.map((t) => ({ value: t.name, label: `${t.name}: ${t.describe}` })) },
      },
      {
        key: 'mode',
        label: 'Mode',
        help: 'Fine-tuning scores the loss on answer tokens only; continual pre-training on every token.',
        widget: {
          kind: 'select',
          options: [
            { value: 'finetune', label: 'fine-tuning (answer tokens)' },
            { value: 'continual', label: 'continual pre-training (all tokens)' },
          ],
        },
      },
    ],
  },
  {
    id: 'method',
    title: 'Method: full fine-tuning or LoRA',
    controls: [
      {
        key: 'method',
        label: 'Method',
        help: 'Full fine-tuning moves every weight; LoRA freezes them and trains a small low-rank delta.',
        widget: {
          kind: 'select',
          options: [
            { value: 'full', label: 'full fine-tuning' },
            { value: 'lora', label: 'LoRA adapters' },
          ],
        },
      },
      {
        key: 'lora.rank',
        label: 'LoRA rank r',
        help: 'Width of the low-rank delta B·A. Higher rank: more capacity, more change.',
        widget: { kind: 'slider', min: 1, max: 64, step: 1, integer: true },
        visible: (c) => c.method === 'lora',
      },
      {
        key: 'lora.alpha',
        label: 'LoRA alpha',
        help: 'Scale s = alpha/r (or alpha/√r with rsLoRA) applied to B·A.',
        widget: { kind: 'slider', min: 1, max: 256, step: 1 },
        visible: (c) => c.method === 'lora',
      },
      {
        key: 'lora.targets',
        label: 'LoRA targets',
        help: 'Which linear layers get an adapter: attention q, k, v, o and the MLP up, down.',
        widget: { kind: 'targets', options: LORA_TARGETS },
        visible: (c) => c.method === 'lora',
      },
      { key: 'lora.rslora', label: 'rsLoRA scaling', help: 'Scale by alpha/√r instead of alpha/r.', widget: { kind: 'toggle' }, visible: (c) => c.method === 'lora' },
      {
        key: 'lora.newTokens',
        label: 'Train new-token embeddings',
        help: 'Also train the embedding rows of tokens the base model never saw (as PEFT does for added tokens). Without it LoRA cannot read the letters task.',
        widget: { kind: 'toggle' },
        visible: (c) => c.method === 'lora',
      },
      {
        key: 'freeze.embeddings',
        label: 'Freeze embeddings',
        help: 'Full fine-tuning leaves the token and position embeddings untouched.',
        widget: { kind: 'toggle' },
        visible: (c) => c.method === 'full',
      },
      {
        key: 'freeze.blocks',
        label: 'Freeze first blocks',
        help: 'Full fine-tuning leaves the first k transformer blocks untouched.',
        widget: { kind: 'slider', min: 0, max: 2, step: 1, integer: true },
        visible: (c) => c.method === 'full',
      },
    ],
  },
  {
    id: 'mix',
    title: 'Mixing (replay)',
    controls: [
      {
        key: 'mix',
        label: 'General data share',
        help: 'Share of every batch drawn from the general skills, exactly.',
        widget: { kind: 'slider', min: 0, max: 0.9, step: 0.05 },
      },
    ],
  },
  {
    id: 'reg',
    title: 'Regularisation toward the original weights',
    controls: [
      {
        key: 'reg.kind',
        label: 'Kind',
        help: 'L2-SP: (λ/2)Σ(θ−θ0)². EWC: (λ/2)ΣF(θ−θ0)², F the empirical Fisher of the base model (mean squared per-example gradients of the answer log-likelihood, 64 general examples), scaled to mean 1 so that λ is on the L2-SP scale. Clamp: after every step keep each weight within θ0 ± δ.',
        widget: {
          kind: 'select',
          options: REG_KINDS.map((k) => ({ value: k, label: { none: 'none', l2sp: 'L2-SP', ewc: 'EWC (Fisher-weighted)', clamp: 'clamp (delta limit)' }[k] })),
        },
      },
      {
        key: 'reg.strength',
        label: 'Strength (λ, or δ for clamp)',
        help: 'λ for L2-SP and EWC; δ, the largest allowed |θ − θ0|, for clamp (smaller δ = stronger).',
        widget: (c) => STRENGTH_WIDGETS[c.reg.kind],
        visible: (c) => c.reg.kind !== 'none',
      },
    ],
  },
  {
    id: 'lr',
    title: 'Learning rate',
    controls: [
      { key: 'lr', label: 'Learning rate', help: 'Peak step size.', widget: { kind: 'slider', min: 1e-5, max: 1e-1, step: 0.05, log: true } },
      {
        key: 'schedule',
        label: 'Schedule',
        help: 'Constant; warm-up then cosine decay; or re-warm from a low rate as in continual pre-training.',
        widget: {
          kind: 'select',
          options: [
            { value: 'constant', label: 'constant' },
            { value: 'cosine', label: 'warm-up + cosine' },
            { value: 'rewarm', label: 're-warm + cosine' },
          ],
        },
      },
      {
        key: 'warmup',
        label: 'Warm-up steps',
        help: 'Steps of linear warm-up.',
        widget: { kind: 'number', min: 0, max: 5000, integer: true },
        visible: (c) => c.schedule !== 'constant',
      },
      {
        key: 'optimizer',
        label: 'Optimizer',
        help: 'AdamW (decoupled weight decay), Adam, or SGD with momentum 0.9.',
        widget: {
          kind: 'select',
          options: [
            { value: 'adamw', label: 'AdamW' },
            { value: 'adam', label: 'Adam' },
            { value: 'sgd', label: 'SGD (momentum 0.9)' },
          ],
        },
      },
      { key: 'weightDecay', label: 'Weight decay', help: 'Decoupled decay of the weight matrices toward zero.', widget: { kind: 'number', min: 0, max: 1 } },
      { key: 'clipNorm', label: 'Gradient clip', help: 'Global gradient-norm limit; 0 turns it off.', widget: { kind: 'number', min: 0, max: 1000 } },
    ],
  },
  {
    id: 'run',
    title: 'Run',
    controls: [
      { key: 'steps', label: 'Steps', help: 'Training steps.', widget: { kind: 'number', min: 1, max: 5000, integer: true } },
      { key: 'batchSize', label: 'Batch size', help: 'Examples per step.', widget: { kind: 'number', min: 1, max: 256, integer: true } },
      { key: 'evalEvery', label: 'Evaluate every', help: 'Steps between evaluations on the held-out sets.', widget: { kind: 'number', min: 1, max: 5000, integer: true } },
      { key: 'seed', label: 'Seed', help: 'Every random choice derives from it: same seed, same run.', widget: { kind: 'number', min: 0, max: 2 ** 31 - 1, integer: true } },
    ],
  },
];

/** Titles of what a link may hide or lock (config sections, and the preset bar). */
export const SECTION_TITLES: Record<(typeof HIDEABLE)[number], string> = {
  ...(Object.fromEntries(CONTROL_GROUPS.map((g) => [g.id, g.title])) as Record<Section, string>),
  lora: 'LoRA settings only',
  freeze: 'Freezing only',
  presets: 'Strategy presets',
};

export function widgetFor(spec: ControlSpec, config: ExperimentConfig): Widget {
  return typeof spec.widget === 'function' ? spec.widget(config) : spec.widget;
}
