/**
 * How many parameters a config trains, computed from the config and the
 * model's shape alone, so the UI can show it before anything runs.
 */
import type { ExperimentConfig } from '../config/schema';
import { loraTargetShape, paramSpecs } from '../model/architecture';
import type { ModelDims } from '../model/dims';
import { paramShapes } from '../model/shapes';
import { isFrozen } from './trainable';

const size = (shape: number[]) => shape.reduce((a, b) => a * b, 1);

export function countTrainableParams(config: ExperimentConfig, dims: ModelDims, seenTokens: readonly number[]): number {
  if (config.method === 'full') {
    return paramSpecs(dims)
      .filter((p) => !isFrozen(p, config.freeze))
      .reduce((n, p) => n + size(p.shape), 0);
  }
  let n = 0;
  // Each target's adapter, in every block: r·(in + out) for the (in × out) weight it adapts.
  for (let i = 0; i < dims.nLayers; i++) {
    for (const target of config.lora.targets) {
      const [fanIn, fanOut] = loraTargetShape(dims, target);
      n += config.lora.rank * (fanIn + fanOut);
    }
  }
  if (config.lora.newTokens) n += (dims.vocabSize - new Set(seenTokens).size) * dims.dModel;
  return n;
}

export function countAllParams(dims: ModelDims): number {
  return Object.values(paramShapes(dims)).reduce((n, shape) => n + size(shape), 0);
}
