import { describe, expect, it } from 'vitest';
import { TINY_DIMS } from '../testing/fixtures';
import { BLOCK, blockLinears, blockNames, blockSegments, EMB, FINAL_NAMES, LORA_TARGETS, loraModules, paramSpecs, segmentSpecs } from './architecture';
import { baseLayout } from './layout';

const ONE_BLOCK = { ...TINY_DIMS, nLayers: 1 };

describe('the architecture table', () => {
  // Trained numbers and checkpoint files depend on these two orders: a change here is a change of format.
  it('lays the flat vector out in the forward pass order', () => {
    expect(segmentSpecs(ONE_BLOCK).map((s) => s.name)).toEqual([
      'emb',
      'h0.ln1.gain',
      'h0.ln1.bias',
      'h0.attn.qkv.weight',
      'h0.attn.qkv.bias',
      'h0.attn.o.weight',
      'h0.attn.o.bias',
      'h0.ln2.gain',
      'h0.ln2.bias',
      'h0.mlp.up.weight',
      'h0.mlp.up.bias',
      'h0.mlp.down.weight',
      'h0.mlp.down.bias',
      'lnf.gain',
      'lnf.bias',
      'head.weight',
      'head.bias',
    ]);
    expect(segmentSpecs({ ...ONE_BLOCK, tiedHead: true }).map((s) => s.name)).not.toContain('head.weight');
  });

  it('names the checkpoint parameters in their stored order', () => {
    expect(paramSpecs(ONE_BLOCK).map((p) => p.param)).toEqual([
      'wte.weight',
      'wpe.weight',
      'h0.ln1.gain',
      'h0.ln1.bias',
      'h0.attn.q.weight',
      'h0.attn.q.bias',
      'h0.attn.k.weight',
      'h0.attn.k.bias',
      'h0.attn.v.weight',
      'h0.attn.v.bias',
      'h0.attn.o.weight',
      'h0.attn.o.bias',
      'h0.ln2.gain',
      'h0.ln2.bias',
      'h0.mlp.up.weight',
      'h0.mlp.up.bias',
      'h0.mlp.down.weight',
      'h0.mlp.down.bias',
      'lnf.gain',
      'lnf.bias',
      'head.weight',
      'head.bias',
    ]);
  });

  it('places q, k, v as column thirds of the fused projection and wte, wpe as row blocks of emb', () => {
    const d = TINY_DIMS.dModel;
    const at = (name: string) => paramSpecs(TINY_DIMS).find((p) => p.param === name)!;
    expect(at('h1.attn.k.weight')).toMatchObject({ segment: 'h1.attn.qkv.weight', row: 0, col: d, rows: d, cols: d, module: 'h1.attn.k', block: 1 });
    expect(at('h1.attn.v.bias')).toMatchObject({ segment: 'h1.attn.qkv.bias', col: 2 * d, rows: 1, cols: d });
    expect(at('wpe.weight')).toMatchObject({ segment: 'emb', row: TINY_DIMS.vocabSize, col: 0, embedding: true, block: null });
    expect(at('h0.mlp.down.weight').residual).toBe(true);
  });

  it('gives typed names that are the layout segments', () => {
    const segments = new Set(baseLayout(TINY_DIMS).segments.map((s) => s.name));
    const named = [EMB, FINAL_NAMES.lnf.gain, FINAL_NAMES.lnf.bias, FINAL_NAMES.head.weight, FINAL_NAMES.head.bias];
    for (let i = 0; i < TINY_DIMS.nLayers; i++) {
      const b = blockNames(i);
      named.push(b.ln1.gain, b.ln1.bias, b.qkv.weight, b.o.bias, b.ln2.gain, b.up.weight, b.down.bias);
      expect(blockSegments(i).every((s) => segments.has(s))).toBe(true);
      expect(blockLinears(i)).toEqual([b.qkv.module, b.o.module, b.up.module, b.down.module]);
    }
    for (const n of named) expect(segments.has(n), n).toBe(true);
    expect(segments.size).toBe(1 + TINY_DIMS.nLayers * blockSegments(0).length + 4);
  });

  it('puts each LoRA target on exactly one part of one block module', () => {
    const parts = BLOCK.flatMap((s) => (s.kind === 'linear' ? s.parts.map((p) => p.lora) : []));
    expect([...parts].sort()).toEqual([...LORA_TARGETS].sort());
    const groups = loraModules(TINY_DIMS, ['v', 'q', 'down']);
    expect(groups.map((g) => [g.block, g.names.module, g.targets])).toEqual([
      [0, 'h0.attn.qkv', ['q', 'v']],
      [0, 'h0.mlp.down', ['down']],
      [1, 'h1.attn.qkv', ['q', 'v']],
      [1, 'h1.mlp.down', ['down']],
    ]);
  });
});
