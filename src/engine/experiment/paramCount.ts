/**
 * How many parameters a config trains, computed from the config and the
 * model's shape alone, so the UI can show it before anything runs.
 */
import type { ExperimentConfig } from '../config/schema';
import type { ModelDims } from '../model/dims';
import { loraModules } from '../model/shapes';
import { paramShapes } from '../model/shapes';
import { isFrozen } from './trainable';

const size = (shape: number[]) => shape.reduce((a, b) => a * b, 1);

export function countTrainableParams(config: ExperimentConfig, dims: ModelDims, seenTokens: readonly number[]): number {
  const shapes = paramShapes(dims);
  if (config.method === 'full') {
    return Object.entries(shapes)
      .filter(([name]) => !isFrozen(name, config.freeze))
      .reduce((n, [, shape]) => n + size(shape), 0);
  }
  let n = 0;
  for (const module of loraModules(dims.nLayers, config.lora.targets)) {
    const [fanIn, fanOut] = shapes[`${module}.weight`];
    n += config.lora.rank * (fanIn + fanOut);
  }
  if (config.lora.newTokens) n += (dims.vocabSize - new Set(seenTokens).size) * dims.dModel;
  return n;
}

export function countAllParams(dims: ModelDims): number {
  return Object.values(paramShapes(dims)).reduce((n, shape) => n + size(shape), 0);
}
