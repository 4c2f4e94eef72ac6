/** The glossary covers every control, and each control's help links the terms it uses. */
import { describe, expect, it } from 'vitest';
import { CONFIG_KEYS } from '../engine/config/keys';
import { CONTROL_GROUPS } from '../ui/controls/controlSpecs';
import { GLOSSARY, glossaryEntry, glossaryFor } from './glossary';

const controls = CONTROL_GROUPS.flatMap((g) => g.controls);
const linked = (key: string) => {
  const spec = controls.find((c) => c.key === key)!;
  return glossaryFor(key, `${spec.label} ${spec.help}`).map((e) => e.id);
};

describe('glossary', () => {
  it('has unique ids, real config keys, and see-also links that resolve', () => {
    expect(new Set(GLOSSARY.map((e) => e.id)).size).toBe(GLOSSARY.length);
    for (const entry of GLOSSARY) {
      expect(entry.id).toMatch(/^[a-z0-9-]+$/);
      for (const key of entry.keys ?? []) expect(CONFIG_KEYS, `${entry.id}: ${key}`).toContain(key);
      for (const other of entry.seeAlso ?? []) expect(glossaryEntry(other), `${entry.id} → ${other}`).toBeDefined();
    }
  });

  it('gives every control at least one entry', () => {
    for (const spec of controls) expect(linked(spec.key), spec.key).not.toEqual([]);
  });

  it('links the terms of the regularisers, LoRA and the schedule from the controls that use them', () => {
    expect(linked('reg.kind')).toEqual(expect.arrayContaining(['regularisation', 'l2sp', 'ewc', 'fisher', 'theta0', 'clamp']));
    expect(linked('reg.strength')).toEqual(expect.arrayContaining(['lambda', 'clamp']));
    expect(linked('lora.rank')).toContain('lora-rank');
    expect(linked('lora.alpha')).toEqual(expect.arrayContaining(['lora-alpha', 'rslora']));
    expect(linked('lora.rslora')).toContain('rslora');
    expect(linked('mix')).toContain('mix');
    expect(linked('schedule')).toEqual(expect.arrayContaining(['schedule', 'warm-up']));
    expect(linked('weightDecay')).toContain('weight-decay');
    expect(linked('clipNorm')).toContain('gradient-clip');
    expect(linked('seed')).toContain('seed');
    expect(linked('evalEvery')).toContain('held-out-set');
  });

  it('puts the control’s own term first, then the terms in the order its help names them', () => {
    expect(glossaryFor('reg.kind', 'EWC, then L2-SP').map((e) => e.id)).toEqual(['regularisation', 'ewc', 'l2sp']);
    // "Full fine-tuning" links its own entry, not plain fine-tuning.
    expect(glossaryFor('freeze.blocks', 'Full fine-tuning leaves blocks').map((e) => e.id)).toEqual(['full-fine-tuning', 'transformer-block']);
  });

  it('defines the measures the page reports', () => {
    for (const id of ['exact-match', 'per-token-accuracy', 'task-gain', 'forgetting', 'held-out-set', 'points']) expect(glossaryEntry(id), id).toBeDefined();
  });
});
