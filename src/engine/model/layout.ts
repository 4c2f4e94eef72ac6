/**
 * How the model's parameters are laid out in memory: one flat vector per
 * "pack" (the base weights; the LoRA adapters), cut into segments, each a
 * tensor the forward pass uses as it is. No tfjs here.
 *
 * The segments are the forward pass's own tensors, which are not always the
 * checkpoint's parameters (shapes.ts): the token and position tables sit in
 * one `emb` segment (one gather embeds a token at its position), and the
 * q, k, v projections of a block are the column blocks of one `attn.qkv`
 * segment (one matrix product instead of three). A *placement* says where
 * each checkpoint parameter lives in the flat vector, so checkpoints, freezing,
 * weight decay and per-module drift keep speaking in parameter names.
 */
import type { ModelDims } from './dims';
import { ATTENTION_PARTS, paramShapes } from './shapes';

interface Segment {
  name: string;
  shape: number[];
  offset: number;
  size: number;
}

export interface PackLayout {
  segments: Segment[];
  size: number;
  byName: ReadonlyMap<string, Segment>;
}

/** Where a checkpoint parameter sits: a block of rows and columns of one segment (1-D tensors are one row). */
export interface Placement {
  param: string;
  segment: string;
  row: number;
  col: number;
  rows: number;
  cols: number;
}

const product = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

export function makeLayout(shapes: ReadonlyArray<readonly [string, number[]]>): PackLayout {
  const segments: Segment[] = [];
  let offset = 0;
  for (const [name, shape] of shapes) {
    const size = product(shape);
    segments.push({ name, shape, offset, size });
    offset += size;
  }
  return { segments, size: offset, byName: new Map(segments.map((s) => [s.name, s])) };
}

/** The base model's segments, in the order the forward pass meets them. */
export function baseLayout(d: ModelDims): PackLayout {
  const shapes: Array<[string, number[]]> = [['emb', [d.vocabSize + d.context, d.dModel]]];
  for (let i = 0; i < d.nLayers; i++) {
    const h = `h${i}`;
    shapes.push(
      [`${h}.ln1.gain`, [d.dModel]],
      [`${h}.ln1.bias`, [d.dModel]],
      [`${h}.attn.qkv.weight`, [d.dModel, 3 * d.dModel]],
      [`${h}.attn.qkv.bias`, [3 * d.dModel]],
      [`${h}.attn.o.weight`, [d.dModel, d.dModel]],
      [`${h}.attn.o.bias`, [d.dModel]],
      [`${h}.ln2.gain`, [d.dModel]],
      [`${h}.ln2.bias`, [d.dModel]],
      [`${h}.mlp.up.weight`, [d.dModel, d.dFF]],
      [`${h}.mlp.up.bias`, [d.dFF]],
      [`${h}.mlp.down.weight`, [d.dFF, d.dModel]],
      [`${h}.mlp.down.bias`, [d.dModel]],
    );
  }
  shapes.push(['lnf.gain', [d.dModel]], ['lnf.bias', [d.dModel]]);
  if (!d.tiedHead) shapes.push(['head.weight', [d.dModel, d.vocabSize]]);
  shapes.push(['head.bias', [d.vocabSize]]);
  return makeLayout(shapes);
}

/** Where every checkpoint parameter (shapes.ts) lives in the base layout. */
export function basePlacements(d: ModelDims): Placement[] {
  const out: Placement[] = [];
  for (const [param, shape] of Object.entries(paramShapes(d))) {
    const rows = shape.length === 2 ? shape[0] : 1;
    const cols = shape[shape.length - 1];
    const at = (segment: string, row = 0, col = 0) => out.push({ param, segment, row, col, rows, cols });
    const qkv = /^(h\d+)\.attn\.([qkv])\.(weight|bias)$/.exec(param);
    if (param === 'wte.weight') at('emb');
    else if (param === 'wpe.weight') at('emb', d.vocabSize);
    else if (qkv) at(`${qkv[1]}.attn.qkv.${qkv[3]}`, 0, ATTENTION_PARTS.indexOf(qkv[2] as 'q') * d.dModel);
    else at(param);
  }
  return out;
}

/** Flat indices of a placement's elements, row by row. */
export function* placementIndices(layout: PackLayout, p: Placement): Generator<number> {
  const segment = layout.byName.get(p.segment);
  if (!segment) throw new Error(`the layout has no segment '${p.segment}'`);
  const width = segment.shape.length === 2 ? segment.shape[1] : segment.size;
  for (let r = 0; r < p.rows; r++) {
    const start = segment.offset + (p.row + r) * width + p.col;
    for (let c = 0; c < p.cols; c++) yield start + c;
  }
}

/** The checkpoint's named values packed into one flat vector. */
export function packValues(layout: PackLayout, placements: readonly Placement[], values: Readonly<Record<string, Float32Array>>): Float32Array {
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
export function unpackValues(layout: PackLayout, placements: readonly Placement[], flat: Float32Array): Record<string, Float32Array> {
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
export function elementMask(layout: PackLayout, placements: readonly Placement[], pick: (p: Placement) => boolean): Float32Array {
  const mask = new Float32Array(layout.size);
  for (const p of placements) if (pick(p)) for (const at of placementIndices(layout, p)) mask[at] = 1;
  return mask;
}
