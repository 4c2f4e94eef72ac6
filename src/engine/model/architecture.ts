/**
 * The GPT's architecture, written once: the modules the forward pass meets,
 * in order, with their shapes as functions of the dims, and what each is to
 * the rest of the lab: which checkpoint parameters it holds (q, k and v are
 * the column thirds of one `attn.qkv` module; `wte` and `wpe` the row blocks
 * of one `emb` table), which LoRA targets it carries, how it is initialised.
 *
 * Everything that lists the layers derives from this table: the checkpoint's
 * parameters and their order (shapes.ts), the flat vector's segments and
 * where each parameter sits in them (layout.ts), the forward and backward
 * passes' names (gpt.ts, gptBackward.ts), LoRA's groups (lora.ts) and
 * freezing. Names are typed (`SegmentName`, `ParamName`, `LinearModule`) and
 * code reaches them through `blockNames(i)` and `FINAL_NAMES`, so a misspelt
 * weight is a type error. The strings themselves are the checkpoint's, as
 * stored on disk. No tfjs here.
 */
import type { ModelDims } from './dims';

type Size = (d: ModelDims) => number;
const dModel: Size = (d) => d.dModel;
const dFF: Size = (d) => d.dFF;
const vocab: Size = (d) => d.vocabSize;
const context: Size = (d) => d.context;

/** The modules a config can put LoRA adapters on (config.lora.targets), each the part of one block module below. */
export const LORA_TARGETS = ['q', 'k', 'v', 'o', 'up', 'down'] as const;
export type LoraTarget = (typeof LORA_TARGETS)[number];

/** LayerNorm over dModel: parameters `gain` and `bias`. */
interface LayerNormSpec {
  kind: 'layerNorm';
  path: string;
}

/**
 * x W + b with W (fanIn × fanOut): parameters `weight` and `bias`. The
 * checkpoint stores it as `parts`, equal column blocks of W and b in order
 * (one part for an ordinary layer), each its own module for drift and LoRA.
 */
interface LinearSpec {
  kind: 'linear';
  path: string;
  fanIn: Size;
  fanOut: Size;
  parts: ReadonlyArray<{ path: string; lora?: LoraTarget }>;
  /** A projection into the residual stream: GPT-2 scales its initial weights by 1/√(2·layers). */
  residual?: boolean;
  /** With dims.tiedHead the weight is the token table's (x·wteᵀ): the module keeps only its bias. */
  tiedToTokens?: boolean;
}

/** Tables stacked by rows into one (Σ rows × dModel) matrix, each a checkpoint `<path>.weight`. */
interface EmbeddingSpec {
  kind: 'embedding';
  path: string;
  tables: ReadonlyArray<{ path: string; rows: Size }>;
}

type ModuleSpec = LayerNormSpec | LinearSpec | EmbeddingSpec;

/** Token and position embeddings: one table, so one matrix product embeds a token at its position (input.ts). */
const EMBEDDING = {
  kind: 'embedding',
  path: 'emb',
  tables: [
    { path: 'wte', rows: vocab },
    { path: 'wpe', rows: context },
  ],
} as const satisfies EmbeddingSpec;

/** One transformer block, pre-LayerNorm, in the order the forward pass meets its modules; block i's names are prefixed `h{i}.`. */
export const BLOCK = [
  { key: 'ln1', kind: 'layerNorm', path: 'ln1' },
  {
    key: 'qkv',
    kind: 'linear',
    path: 'attn.qkv',
    fanIn: dModel,
    fanOut: (d) => 3 * d.dModel,
    parts: [
      { path: 'attn.q', lora: 'q' },
      { path: 'attn.k', lora: 'k' },
      { path: 'attn.v', lora: 'v' },
    ],
  },
  { key: 'o', kind: 'linear', path: 'attn.o', fanIn: dModel, fanOut: dModel, parts: [{ path: 'attn.o', lora: 'o' }], residual: true },
  { key: 'ln2', kind: 'layerNorm', path: 'ln2' },
  { key: 'up', kind: 'linear', path: 'mlp.up', fanIn: dModel, fanOut: dFF, parts: [{ path: 'mlp.up', lora: 'up' }] },
  { key: 'down', kind: 'linear', path: 'mlp.down', fanIn: dFF, fanOut: dModel, parts: [{ path: 'mlp.down', lora: 'down' }], residual: true },
] as const satisfies ReadonlyArray<ModuleSpec & { key: string }>;

/** After the blocks: the final LayerNorm and the output head. */
const FINAL = [
  { key: 'lnf', kind: 'layerNorm', path: 'lnf' },
  { key: 'head', kind: 'linear', path: 'head', fanIn: dModel, fanOut: vocab, parts: [{ path: 'head' }], tiedToTokens: true },
] as const satisfies ReadonlyArray<ModuleSpec & { key: string }>;

const blockPrefix = (i: number) => `h${i}.`;

// ---- Names, typed from the table ----

type BlockSpec = (typeof BLOCK)[number];
type FinalSpec = (typeof FINAL)[number];
type InBlock<Name extends string> = `h${number}.${Name}`;

/** A module's segments: the forward pass's tensors. */
type SegmentsOf<S> = S extends { kind: 'layerNorm'; path: infer P extends string }
  ? `${P}.${'gain' | 'bias'}`
  : S extends { kind: 'linear'; path: infer P extends string }
    ? `${P}.${'weight' | 'bias'}`
    : S extends { kind: 'embedding'; path: infer P extends string }
      ? P
      : never;
/** A module's checkpoint parameters. */
type ParamsOf<S> = S extends { kind: 'layerNorm'; path: infer P extends string }
  ? `${P}.${'gain' | 'bias'}`
  : S extends { kind: 'linear'; parts: ReadonlyArray<infer Part> }
    ? Part extends { path: infer P extends string }
      ? `${P}.${'weight' | 'bias'}`
      : never
    : S extends { kind: 'embedding'; tables: ReadonlyArray<infer T> }
      ? T extends { path: infer P extends string }
        ? `${P}.weight`
        : never
      : never;

/** A segment of the base layout (layout.ts): `emb`, `h0.attn.qkv.weight`, `lnf.gain`, ... */
export type SegmentName = SegmentsOf<typeof EMBEDDING> | InBlock<SegmentsOf<BlockSpec>> | SegmentsOf<FinalSpec>;
/** A checkpoint parameter: `wte.weight`, `h0.attn.q.weight`, `head.bias`, ... */
export type ParamName = ParamsOf<typeof EMBEDDING> | InBlock<ParamsOf<BlockSpec>> | ParamsOf<FinalSpec>;
/** A linear module of the forward pass, as adapters are keyed: `h0.attn.qkv`, `h1.mlp.up`, `head`. */
export type LinearModule = InBlock<Extract<BlockSpec, { kind: 'linear' }>['path']> | Extract<FinalSpec, { kind: 'linear' }>['path'];
/** An adapter's segment in the LoRA layout (lora.ts). */
export type LoraSegmentName = `${LinearModule}.lora_${'A' | 'B'}`;

export interface LayerNormNames {
  gain: SegmentName;
  bias: SegmentName;
}
export interface LinearNames {
  module: LinearModule;
  weight: SegmentName;
  bias: SegmentName;
}
type NamesOf<S> = S extends { kind: 'layerNorm' } ? LayerNormNames : S extends { kind: 'linear' } ? LinearNames : never;
/** Block i's modules by key: `blockNames(0).qkv.weight` is 'h0.attn.qkv.weight'. */
export type BlockNames = { [S in BlockSpec as S['key']]: NamesOf<S> };
export type FinalNames = { [S in FinalSpec as S['key']]: NamesOf<S> };

function namesOf(specs: ReadonlyArray<ModuleSpec & { key: string }>, prefix: string): Record<string, LayerNormNames | LinearNames> {
  return Object.fromEntries(
    specs.map((s) => {
      const name = prefix + s.path;
      if (s.kind === 'layerNorm') return [s.key, { gain: `${name}.gain`, bias: `${name}.bias` } as LayerNormNames];
      return [s.key, { module: name, weight: `${name}.weight`, bias: `${name}.bias` } as LinearNames];
    }),
  );
}

/** The embedding table's segment. */
export const EMB: SegmentName = EMBEDDING.path;
/** The final LayerNorm's and the head's names. */
export const FINAL_NAMES = namesOf(FINAL, '') as FinalNames;

interface BlockIndex {
  names: BlockNames;
  /** The block's segments, in layout order. */
  segments: SegmentName[];
  /** Its linear modules (the ones an adapter can sit on). */
  linears: LinearModule[];
}
const blockIndexes: BlockIndex[] = [];
function blockIndex(i: number): BlockIndex {
  let index = blockIndexes[i];
  if (!index) {
    const names = namesOf(BLOCK, blockPrefix(i)) as BlockNames;
    const all: Array<LayerNormNames | LinearNames> = Object.values(names);
    index = {
      names,
      segments: all.flatMap((n) => ('gain' in n ? [n.gain, n.bias] : [n.weight, n.bias])),
      linears: all.flatMap((n) => ('module' in n ? [n.module] : [])),
    };
    blockIndexes[i] = index;
  }
  return index;
}

/** Block i's module names: `blockNames(i).ln1.gain`, `blockNames(i).up.module`, ... */
export const blockNames = (i: number): BlockNames => blockIndex(i).names;
/** Block i's segments, in layout order. */
export const blockSegments = (i: number): readonly SegmentName[] => blockIndex(i).segments;
/** Block i's linear modules. */
export const blockLinears = (i: number): readonly LinearModule[] => blockIndex(i).linears;

export const loraNames = (module: LinearModule): { A: LoraSegmentName; B: LoraSegmentName } => ({ A: `${module}.lora_A`, B: `${module}.lora_B` });

// ---- The table, expanded for given dims ----

/** A segment of the flat base vector: one tensor of the forward pass. */
export interface SegmentSpec {
  name: SegmentName;
  shape: number[];
}

/** A checkpoint parameter, and where it sits: a block of rows and columns of one segment (1-D tensors are one row). */
export interface ParamSpec {
  param: ParamName;
  shape: number[];
  /** The module it belongs to, the unit drift is measured in: `wte`, `h0.attn.q`, `lnf`. */
  module: string;
  /** The block it belongs to; null for the embeddings, lnf and the head. */
  block: number | null;
  /** One of the embedding tables (wte, wpe). */
  embedding: boolean;
  role: 'weight' | 'bias' | 'gain';
  /** A residual projection's weight (scaled initialisation). */
  residual: boolean;
  segment: SegmentName;
  row: number;
  col: number;
  rows: number;
  cols: number;
}

interface Expanded {
  segments: SegmentSpec[];
  params: ParamSpec[];
}

/** Segments in layout order and parameters in checkpoint order, both in the order the forward pass meets the modules. */
function expand(d: ModelDims): Expanded {
  const segments: SegmentSpec[] = [];
  const params: ParamSpec[] = [];
  type Placed = Pick<ParamSpec, 'param' | 'shape' | 'module' | 'role' | 'segment' | 'row' | 'col'> & Partial<Pick<ParamSpec, 'embedding' | 'residual'>>;
  const add = (s: ModuleSpec, prefix: string, block: number | null) => {
    const name = prefix + s.path;
    const param = (p: Placed) =>
      params.push({ embedding: false, residual: false, ...p, block, rows: p.shape.length === 2 ? p.shape[0] : 1, cols: p.shape[p.shape.length - 1] });
    if (s.kind === 'embedding') {
      const segment = name as SegmentName;
      const rows = s.tables.map((t) => t.rows(d));
      segments.push({ name: segment, shape: [rows.reduce((a, b) => a + b, 0), d.dModel] });
      let row = 0;
      s.tables.forEach((t, k) => {
        param({ param: `${t.path}.weight` as ParamName, shape: [rows[k], d.dModel], module: t.path, embedding: true, role: 'weight', segment, row, col: 0 });
        row += rows[k];
      });
    } else if (s.kind === 'layerNorm') {
      for (const role of ['gain', 'bias'] as const) {
        const segment = `${name}.${role}` as SegmentName;
        segments.push({ name: segment, shape: [d.dModel] });
        param({ param: segment as ParamName, shape: [d.dModel], module: name, role, segment, row: 0, col: 0 });
      }
    } else {
      const [fanIn, fanOut] = [s.fanIn(d), s.fanOut(d)];
      const hasWeight = !(s.tiedToTokens && d.tiedHead);
      const weight = `${name}.weight` as SegmentName;
      const bias = `${name}.bias` as SegmentName;
      if (hasWeight) segments.push({ name: weight, shape: [fanIn, fanOut] });
      segments.push({ name: bias, shape: [fanOut] });
      const width = fanOut / s.parts.length;
      s.parts.forEach((part, k) => {
        const module = prefix + part.path;
        const col = k * width;
        if (hasWeight) param({ param: `${module}.weight` as ParamName, shape: [fanIn, width], module, role: 'weight', residual: !!s.residual, segment: weight, row: 0, col });
        param({ param: `${module}.bias` as ParamName, shape: [width], module, role: 'bias', segment: bias, row: 0, col });
      });
    }
  };
  add(EMBEDDING, '', null);
  for (let i = 0; i < d.nLayers; i++) for (const s of BLOCK) add(s, blockPrefix(i), i);
  for (const s of FINAL) add(s, '', null);
  return { segments, params };
}

/** The base layout's segments, in the order the forward pass meets them (the flat vector's order). */
export const segmentSpecs = (d: ModelDims): SegmentSpec[] => expand(d).segments;

/** The checkpoint's parameters, in its order (the order they are stored and initialised in), each with its place in the layout. */
export const paramSpecs = (d: ModelDims): ParamSpec[] => expand(d).params;

/** A linear module of block i carrying some of the LoRA targets, as lora.ts groups them. */
export interface LoraModule {
  block: number;
  names: LinearNames;
  /** The targets it carries, in the module's order of parts. */
  targets: LoraTarget[];
  /** All of the module's parts' targets: part k's outputs are the k-th of as many equal column blocks. */
  parts: readonly LoraTarget[];
  fanIn: number;
  fanOut: number;
}

/** The block modules the targets fall on, block by block in the forward pass's order. */
export function loraModules(d: ModelDims, targets: readonly LoraTarget[]): LoraModule[] {
  const out: LoraModule[] = [];
  for (let i = 0; i < d.nLayers; i++) {
    const names = blockNames(i);
    for (const s of BLOCK) {
      if (s.kind !== 'linear') continue;
      const parts = s.parts.map((p) => p.lora);
      const carried = parts.filter((t) => targets.includes(t));
      if (carried.length) out.push({ block: i, names: names[s.key], targets: carried, parts, fanIn: s.fanIn(d), fanOut: s.fanOut(d) });
    }
  }
  return out;
}

/** The (fanIn, fanOut) of the weight a LoRA target adapts, as the checkpoint stores it: q is (d, d). */
export function loraTargetShape(d: ModelDims, target: LoraTarget): [number, number] {
  for (const s of BLOCK) {
    if (s.kind === 'linear' && s.parts.some((p) => p.lora === target)) return [s.fanIn(d), s.fanOut(d) / s.parts.length];
  }
  throw new Error(`no module carries the LoRA target '${target}'`);
}
