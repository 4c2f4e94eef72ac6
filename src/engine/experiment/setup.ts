/**
 * Turns the config's method and levers into what the trainer needs: the flat
 * variables it updates with their masks, which gradients the backward pass
 * must compute, the penalty and the projection.
 */
import type { ExperimentConfig } from '../config/schema';
import type { SegmentName } from '../model/architecture';
import type { GradientNeeds } from '../model/gptBackward';
import { elementMask, placementIndices } from '../model/layout';
import { LoraPack } from '../model/lora';
import type { Gpt } from '../model/model';
import { splitPack } from '../model/pack';
import * as tf from '../tf';
import type { TrainedPack } from '../train/fusedOptimizer';
import { anchorPenalty, DeltaClamp, type Anchor } from '../train/regularizers';
import { isFrozen } from './trainable';
import { anchorsAtStage } from '../stream/stream';

export interface TrainingSetup {
  /** What the optimizer updates: the base weights and/or the adapters, flat. */
  packs: TrainedPack[];
  /** Which base segments the backward pass must differentiate. */
  needs: GradientNeeds;
  /** Added to the loss (L2-SP, EWC); differentiated by tfjs, it is small. */
  penalty?: () => tf.Scalar;
  /** Runs after each update (clamp toward the base weights). */
  project?: () => void;
  /** How many parameters change: the elements the packs' masks let through. */
  trainableCount: number;
  /** A stream's new stage with `reg.anchor=stage`: the regularizer anchors at the weights now (L2-SP, EWC, clamp toward the previous stage's end; EWC's Fisher, a variable, is summed by the run: online EWC). */
  reanchor?: () => void;
  /** Frees what the setup made (adapters belong to the model and go with it). */
  dispose(): void;
}

const ones = (mask: Float32Array) => mask.reduce((n, m) => n + m, 0);

/**
 * `theta0` holds the base weights before training (flat, as model.theta);
 * `fisher` (same layout) is needed for EWC and `seenTokens` for training the
 * embedding rows of new tokens under LoRA.
 */
export function prepareTraining(
  model: Gpt,
  config: ExperimentConfig,
  theta0: tf.Tensor,
  seenTokens: readonly number[],
  fisher?: tf.Tensor,
): TrainingSetup {
  const owned: tf.Tensor[] = [];
  const keep = <T extends tf.Tensor | null>(t: T): T => {
    if (t) owned.push(t);
    return t;
  };
  const decays = config.optimizer !== 'adam' && config.weightDecay > 0;
  const packs: TrainedPack[] = [];
  const anchors: Anchor[] = [];
  const { layout, placements } = model;
  // Where the regularizer pulls the base weights: θ0, or (reg.anchor=stage in a stream) a copy moved to each stage's start.
  const atStage = anchorsAtStage(config);
  const anchor: tf.Tensor = atStage ? keep(tf.variable(theta0, false)) : theta0;
  let baseMask: Float32Array;
  let trainableCount = 0;

  if (config.method === 'full') {
    baseMask = elementMask(layout, placements, (p) => !isFrozen(p, config.freeze));
  } else {
    const lora = new LoraPack(model.dims, config.lora, config.seed);
    model.lora = lora;
    packs.push({
      variable: lora.theta,
      layout: lora.layout,
      mask: keep(lora.mask && tf.tensor1d(lora.mask)),
      decayMask: decays ? keep(tf.tensor1d(lora.mask ?? new Float32Array(lora.layout.size).fill(1))) : null,
    });
    trainableCount += lora.trainableCount;
    const fisherViews = fisher ? tf.tidy(() => splitPack(fisher, layout)) : undefined;
    if (fisherViews) owned.push(...Object.values(fisherViews));
    for (const g of lora.groups) {
      const weight = g.names.weight;
      anchors.push({ delta: () => lora.deltas().get(weight)!, fisher: fisherViews?.[weight] });
    }
    // As PEFT does for added tokens: train only the embedding rows the base never saw.
    baseMask = new Float32Array(layout.size);
    if (config.lora.newTokens) {
      const wte = placements.find((p) => p.param === 'wte.weight')!;
      const seen = new Set(seenTokens);
      let row = 0;
      for (const at of placementIndices(layout, wte)) {
        if (!seen.has(Math.floor(row++ / wte.cols))) baseMask[at] = 1;
      }
    }
  }

  const baseTrains = ones(baseMask) > 0;
  const segmentTrains = new Set<SegmentName>();
  if (baseTrains) {
    trainableCount += ones(baseMask);
    const allTrain = ones(baseMask) === layout.size;
    const matrices = elementMask(layout, placements, (p) => p.rows > 1);
    packs.unshift({
      variable: model.theta,
      layout,
      mask: allTrain ? null : keep(tf.tensor1d(baseMask)),
      decayMask: decays ? keep(tf.tensor1d(matrices.map((m, i) => m * baseMask[i]))) : null,
    });
    for (const s of layout.segments) if (baseMask.subarray(s.offset, s.offset + s.size).some((m) => m > 0)) segmentTrains.add(s.name);
    anchors.unshift({ delta: () => tf.sub(model.theta, anchor), fisher });
  }

  const { kind, strength } = config.reg;
  if (kind === 'ewc' && !fisher) throw new Error('EWC needs the Fisher information of the base model');
  const penalty =
    kind === 'l2sp'
      ? () => anchorPenalty(anchors.map((a) => ({ delta: a.delta })), strength)
      : kind === 'ewc'
        ? () => anchorPenalty(anchors, strength)
        : undefined;
  let clamp = kind === 'clamp' && baseTrains ? new DeltaClamp(model.theta, anchor, strength) : null;
  const reanchor = atStage
    ? () => {
        (anchor as tf.Variable).assign(model.theta);
        if (clamp) {
          clamp.dispose();
          clamp = new DeltaClamp(model.theta, anchor, strength);
        }
      }
    : undefined;

  return {
    packs,
    needs: { base: (segment) => segmentTrains.has(segment) },
    penalty,
    project: clamp ? () => clamp!.project() : undefined,
    trainableCount,
    reanchor,
    dispose() {
      clamp?.dispose();
      tf.dispose(owned);
    },
  };
}
