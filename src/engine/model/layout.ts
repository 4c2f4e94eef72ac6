/**
 * How the model's parameters are laid out in memory: one flat vector per
 * "pack" (the base weights; the LoRA adapters), cut into segments, each a
 * tensor the forward pass uses as it is. No tfjs here.
 *
 * The segments are the forward pass's own tensors, which are not always the
 * checkpoint's parameters (shapes.ts): the token and position tables are the
 * row blocks of one `emb` segment (one matrix product with a 0/1 selector
 * embeds a token at its position, input.ts), and the q, k, v projections of a
 * block are the column blocks of one `attn.qkv` segment (one matrix product
 * instead of three). A *placement* says where each checkpoint parameter lives
 * in the flat vector, so checkpoints, freezing, weight decay and per-module
 * drift keep speaking in parameter names. Both lists, and their order, come
 * from the architecture's table (architecture.ts): the base layout's order is
 * the trained numbers' order, and must not change.
 */
import { paramSpecs, segmentSpecs, type ParamSpec, type SegmentName } from './architecture';
import type { ModelDims } from './dims';

interface Segment<Name extends string> {
  name: Name;
  shape: number[];
  offset: number;
  size: number;
}

export interface PackLayout<Name extends string = string> {
  segments: Segment<Name>[];
  size: number;
  byName: ReadonlyMap<Name, Segment<Name>>;
}

/** Where a checkpoint parameter sits: a block of rows and columns of one segment (1-D tensors are one row). */
export type Placement = ParamSpec;

const product = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

export function makeLayout<Name extends string>(shapes: ReadonlyArray<readonly [Name, number[]]>): PackLayout<Name> {
  const segments: Segment<Name>[] = [];
  let offset = 0;
  for (const [name, shape] of shapes) {
    const size = product(shape);
    segments.push({ name, shape, offset, size });
    offset += size;
  }
  return { segments, size: offset, byName: new Map(segments.map((s) => [s.name, s])) };
}

/** The base model's segments, in the order the forward pass meets them. */
export function baseLayout(d: ModelDims): PackLayout<SegmentName> {
  return makeLayout(segmentSpecs(d).map((s) => [s.name, s.shape] as const));
}

/** Where every checkpoint parameter (shapes.ts) lives in the base layout, in the checkpoint's order. */
export function basePlacements(d: ModelDims): Placement[] {
  return paramSpecs(d);
}

/** Flat indices of a placement's elements, row by row. */
export function* placementIndices(layout: PackLayout<SegmentName>, p: Placement): Generator<number> {
  const segment = layout.byName.get(p.segment);
  if (!segment) throw new Error(`the layout has no segment '${p.segment}'`);
  const width = segment.shape.length === 2 ? segment.shape[1] : segment.size;
  for (let r = 0; r < p.rows; r++) {
    const start = segment.offset + (p.row + r) * width + p.col;
    for (let c = 0; c < p.cols; c++) yield start + c;
  }
}

/** The checkpoint's named values packed into one flat vector. */
export function packValues(layout: PackLayout<SegmentName>, placements: readonly Placement[], values: Readonly<Record<string, Float32Array>>): Float32Array {
  const flat = new Float32Array(layout.size);
  for (const p of placements) {
    const v = values[p.param];
    if (!v) throw new Error(`missing parameter '${p.param}'`);
    let i = 0;
    for (const at of placementIndices(layout, p)) flat[at] = v[i++];
  }
  return flat;
}

/** The flat vector cut back into the checkpoint's named values. */
export function unpackValues(layout: PackLayout<SegmentName>, placements: readonly Placement[], flat: Float32Array): Record<string, Float32Array> {
  const out: Record<string, Float32Array> = {};
  for (const p of placements) {
    const v = new Float32Array(p.rows * p.cols);
    let i = 0;
    for (const at of placementIndices(layout, p)) v[i++] = flat[at];
    out[p.param] = v;
  }
  return out;
}

/** A 0/1 vector over the pack: 1 on the elements of the parameters `pick` selects. */
export function elementMask(layout: PackLayout<SegmentName>, placements: readonly Placement[], pick: (p: Placement) => boolean): Float32Array {
  const mask = new Float32Array(layout.size);
  for (const p of placements) if (pick(p)) for (const at of placementIndices(layout, p)) mask[at] = 1;
  return mask;
}
