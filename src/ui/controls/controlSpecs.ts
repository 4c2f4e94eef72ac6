/**
 * One table of controls, grouped as the lab tells its story. Keys are the
 * config's dotted keys; ranges sit inside what the schema enforces (the
 * schema has the last word on every value).
 */
import { configFields } from '../../engine/config/fields';
import { flattenConfig } from '../../engine/config/keys';
import { keyApplies } from '../../engine/config/relevance';
import type { ExperimentConfig } from '../../engine/config/schema';
import type { HIDEABLE, Section } from '../../engine/config/sections';
import { TASKS } from '../../engine/scenarios/skills/skills';
import { describeScenario } from '../../engine/scenarios/registry';

/** What a control draws, built from the key's field in the schema (config/fields.ts): one source of ranges. */
export type Widget =
  | { kind: 'select'; options: { value: string; label: string }[] }
  | { kind: 'slider'; min: number; max: number; step: number; log: boolean; integer: boolean }
  | { kind: 'toggle' }
  | { kind: 'targets'; options: readonly string[] }
  /** An ordered choice (a stream of tasks): ticked in order, each numbered by its place. */
  | { kind: 'sequence'; options: readonly string[] }
  | { kind: 'number'; min: number; max: number; integer: boolean };

export interface ControlSpec {
  key: string;
  label: string;
  help: string;
  /** How to show a number; choices, booleans and lists follow from the schema. */
  as?: 'slider' | 'number' | 'sequence';
  /** Words for a choice's values (the schema's own values otherwise). */
  labels?: Record<string, string>;
  /** Shown only when it matters for the current config. */
  visible?: (config: ExperimentConfig) => boolean;
}

export interface ControlGroup {
  /** The config section the group shows (its other sections' keys may sit in it too: method holds lora.* and freeze.*). */
  id: Section;
  title: string;
  controls: ControlSpec[];
}

export const CONTROL_GROUPS: ControlGroup[] = [
  {
    id: 'task',
    title: 'Task',
    controls: [
      {
        key: 'scenario',
        label: 'Scenario',
        help: 'Which model: a small GPT with digit-string skills, or a character-level GPT that writes English. Switching starts from that scenario’s first preset.',
        labels: { skills: 'digit skills (fine-tuning a new task)', text: 'English text (continual pre-training)' },
      },
      {
        key: 'domain',
        label: 'Domain',
        help: 'What the English model is trained on further, every character a target: JavaScript code (far from prose), learned and government prose (near), or a text of your own (paste it or choose a file). Its general abilities are the seven genres of English it was pre-trained on.',
        labels: { code: 'JavaScript code (far)', near: 'learned and government prose (near)', custom: 'your own text (paste or choose a file)' },
        visible: (c) => keyApplies('domain', c),
      },
      {
        key: 'task',
        label: 'New task',
        help: 'What the model is fine-tuned on. None of these was in pre-training.',
        labels: Object.fromEntries(TASKS.map((t) => [t.name, `${t.name}: ${t.describe}`])),
        visible: (c) => keyApplies('task', c),
      },
      {
        key: 'mode',
        label: 'Mode',
        help: 'Fine-tuning scores the loss on answer tokens only; continual pre-training on every token.',
        labels: { finetune: 'fine-tuning (answer tokens)', continual: 'continual pre-training (all tokens)' },
        visible: (c) => keyApplies('mode', c),
      },
      {
        key: 'stream',
        label: 'Stream of tasks',
        help: 'Tick tasks in the order to train them, one stage each (a continual-learning stream): after every stage the run scores every task of the stream and general ability (the accuracy matrix). None ticked: one task, as above.',
        as: 'sequence',
      },
      {
        key: 'stageSteps',
        label: 'Steps per stage',
        help: 'Training steps of each stage of the stream.',
        visible: (c) => c.stream.length > 0,
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
        labels: { full: 'full fine-tuning', lora: 'LoRA adapters' },
      },
      {
        key: 'lora.rank',
        label: 'LoRA rank r',
        help: 'Width of the low-rank delta B·A. Higher rank: more capacity, more change.',
        as: 'slider',
        visible: (c) => c.method === 'lora',
      },
      {
        key: 'lora.alpha',
        label: 'LoRA alpha',
        help: 'Scale s = alpha/r (or alpha/√r with rsLoRA) applied to B·A.',
        as: 'slider',
        visible: (c) => c.method === 'lora',
      },
      {
        key: 'lora.targets',
        label: 'LoRA targets',
        help: 'Which linear layers get an adapter: attention q, k, v, o and the MLP up, down.',
        visible: (c) => c.method === 'lora',
      },
      { key: 'lora.rslora', label: 'rsLoRA scaling', help: 'Scale by alpha/√r instead of alpha/r.', visible: (c) => c.method === 'lora' },
      {
        key: 'lora.newTokens',
        label: 'Train new-token embeddings',
        help: 'Also train the embedding rows of tokens the base model never saw (as PEFT does for added tokens). Without it LoRA cannot read the letters task; the English model never saw a few of code’s symbols in prose.',
        visible: (c) => c.method === 'lora',
      },
      {
        key: 'lora.perStage',
        label: 'One adapter per stage (stream)',
        help: "In a stream, train a fresh adapter for each stage and keep the finished ones: each task is answered with its own adapter switched in, a plugin per task. Off: one adapter trains on through every stage.",
        visible: (c) => c.method === 'lora' && c.stream.length > 0,
      },
      {
        key: 'freeze.embeddings',
        label: 'Freeze embeddings',
        help: 'Full fine-tuning leaves the token and position embeddings untouched (the English model’s output layer too: it reuses the token embeddings).',
        visible: (c) => c.method === 'full',
      },
      {
        key: 'freeze.blocks',
        label: 'Freeze first blocks',
        help: 'Full fine-tuning leaves the first k transformer blocks untouched.',
        as: 'slider',
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
        help: 'Share of every batch drawn from the general data the model was pre-trained on (the general skills; English prose), exactly.',
        as: 'slider',
      },
      {
        key: 'replay',
        label: 'Earlier tasks share',
        help: "In a stream, the share of every batch replayed from the stream's earlier tasks (their training data), exactly; the first stage has none and trains on its task.",
        as: 'slider',
        visible: (c) => c.stream.length > 0,
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
        help: 'L2-SP: (λ/2)Σ(θ−θ0)². EWC: (λ/2)ΣF(θ−θ0)², F the empirical Fisher of the base model (mean squared per-example gradients of the answer log-likelihood, 64 general examples; text: of 32 windows of English prose), scaled to mean 1 so that λ is on the L2-SP scale. Clamp: after every step keep each weight within θ0 ± δ.',
        labels: { none: 'none', l2sp: 'L2-SP', ewc: 'EWC (Fisher-weighted)', clamp: 'clamp (delta limit)' },
      },
      {
        key: 'reg.strength',
        label: 'Strength (λ, or δ for clamp)',
        help: 'λ for L2-SP and EWC; δ, the largest allowed |θ − θ0|, for clamp (smaller δ = stronger).',
        as: 'slider',
        visible: (c) => c.reg.kind !== 'none',
      },
      {
        key: 'reg.anchor',
        label: 'Anchor (stream)',
        help: "In a stream, pull toward the base weights, or toward the weights at each stage's start (the previous stage's end). EWC at the previous stage is online EWC: each finished task's Fisher is added to the base model's.",
        labels: { base: 'base model', stage: 'previous stage' },
        visible: (c) => c.stream.length > 0 && c.reg.kind !== 'none',
      },
    ],
  },
  {
    id: 'lr',
    title: 'Learning rate',
    controls: [
      { key: 'lr', label: 'Learning rate', help: 'Peak step size.', as: 'slider' },
      {
        key: 'schedule',
        label: 'Schedule',
        help: 'Constant; warm-up then cosine decay; or re-warm from a low rate as in continual pre-training.',
        labels: { constant: 'constant', cosine: 'warm-up + cosine', rewarm: 're-warm + cosine' },
      },
      {
        key: 'warmup',
        label: 'Warm-up steps',
        help: 'Steps of linear warm-up.',
        visible: (c) => c.schedule !== 'constant',
      },
      {
        key: 'optimizer',
        label: 'Optimizer',
        help: 'AdamW (decoupled weight decay), Adam, or SGD with momentum 0.9.',
        labels: { adamw: 'AdamW', adam: 'Adam', sgd: 'SGD (momentum 0.9)' },
      },
      { key: 'weightDecay', label: 'Weight decay', help: 'Decoupled decay of the weight matrices toward zero.' },
      { key: 'clipNorm', label: 'Gradient clip', help: 'Global gradient-norm limit; 0 turns it off.' },
      {
        key: 'stageSchedule',
        label: 'Schedule in a stream',
        help: 'Restart the schedule at every stage (warm-up again: re-warmed), or run it once over the whole stream.',
        labels: { restart: 'restart each stage', whole: 'once over the stream' },
        visible: (c) => c.stream.length > 0,
      },
    ],
  },
  {
    id: 'run',
    title: 'Run',
    controls: [
      { key: 'steps', label: 'Steps', help: 'Training steps.', visible: (c) => c.stream.length === 0 },
      { key: 'batchSize', label: 'Batch size', help: 'Examples per step (text: windows of 128 characters).' },
      { key: 'evalEvery', label: 'Evaluate every', help: 'Steps between evaluations on the held-out sets.' },
      {
        key: 'liveEvalSize',
        label: 'Live points on',
        help: 'Held-out examples per skill (text: windows of 128 characters per genre) at the evaluations during a run, a cheap preview; the first and last use the whole held-out sets (128 examples; 16 windows).',
      },
      { key: 'seed', label: 'Seed', help: 'Every random choice derives from it: same seed, same run.' },
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

/** The widget for a control, from its key's field; `layers` caps the freeze slider at the model's depth. */
export function widgetFor(spec: ControlSpec, config: ExperimentConfig, layers?: number): Widget {
  const field = configFields()[spec.key];
  switch (field.kind) {
    case 'enum':
      return { kind: 'select', options: field.values.map((v) => ({ value: v, label: spec.labels?.[v] ?? v })) };
    case 'boolean':
      return { kind: 'toggle' };
    case 'list':
      // A sequence offers the scenario's own tasks (or domains): the values of its task key.
      if (spec.as === 'sequence') {
        const own = configFields()[describeScenario(config.scenario).task.key];
        return { kind: 'sequence', options: own.kind === 'enum' ? own.values : field.values };
      }
      return { kind: 'targets', options: field.values };
    case 'string':
      throw new Error(`config key '${spec.key}' is set by the lab (the custom text panel), not by a control`);
    case 'number': {
      const hint = field.sliderBy ? field.sliderBy.hints[String(flattenConfig(config)[field.sliderBy.key])] : field.slider;
      if (spec.as !== 'slider' || !hint) return { kind: 'number', min: field.min, max: field.max, integer: field.integer };
      const max = spec.key === 'freeze.blocks' && layers !== undefined ? Math.min(hint.max, layers) : hint.max;
      return { kind: 'slider', min: hint.min, max, step: hint.step ?? 0.01, log: Boolean(hint.log), integer: field.integer };
    }
  }
}
