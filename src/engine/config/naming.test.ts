import { describe, expect, it } from 'vitest';
import { applySettings } from './keys';
import { runName, settingText, valueText } from './naming';
import { allPresets, presetConfig } from './presets';
import { defaultConfig, type ExperimentConfig } from './schema';

function config(settings: Record<string, unknown>, base: ExperimentConfig = defaultConfig()): ExperimentConfig {
  const { config, errors } = applySettings(base, settings);
  expect(errors).toEqual([]);
  return config;
}

describe('run names', () => {
  it('name each preset by its title, and a preset with another seed by its title and seed', () => {
    expect(allPresets().map((p) => runName(presetConfig(p.name)))).toEqual([
      'Ignore forgetting',
      'Mix in general data',
      'LoRA adapter',
      'Pull toward the original weights',
      'Lower learning rate',
      'Sequential tasks',
      'Replay earlier tasks',
      'One adapter per task',
      'Online EWC',
      'Code: ignore forgetting',
      'Near prose: ignore forgetting',
      'Code + general prose mixed in',
      'Code with a LoRA adapter',
      'Code, pulled toward the original weights',
      'Code at a lower learning rate',
      'Sequential domains',
      'Replay earlier domains',
    ]);
    expect(runName(defaultConfig())).toBe('Ignore forgetting');
    expect(runName(config({ seed: 3 }, presetConfig('lora')))).toBe('LoRA adapter · seed 3');
  });

  it.each([
    [{ mix: 0.5 }, 'code · mix 0.5'],
    [{ domain: 'near', 'reg.kind': 'ewc', 'reg.strength': 10 }, 'near prose · EWC λ 10'],
    [{ lr: 3e-4, task: 'rotate', mode: 'continual' }, 'code · lr 3e-4'],
    [{ steps: 400, seed: 2 }, 'code · 400 steps · seed 2'],
  ])('name a text run by its domain and what it changes from the text start: %j → %s', (settings, name) => {
    expect(runName(config(settings, presetConfig('text-ignore')))).toBe(name);
  });

  it.each([
    [{ mix: 0.5 }, 'mix 0.5'],
    [{ method: 'lora', 'lora.rank': 16, 'lora.alpha': 32 }, 'LoRA r16 α32'],
    [{ method: 'lora', 'lora.rank': 16, 'lora.alpha': 32, 'lora.rslora': true, 'lora.targets': ['q', 'v'] }, 'LoRA r16 α32 · rsLoRA · targets q+v'],
    [{ 'reg.kind': 'ewc', 'reg.strength': 1000 }, 'EWC λ 1000'],
    [{ 'reg.kind': 'ewc', 'reg.strength': 1e5 }, 'EWC λ 1e5'],
    [{ 'reg.kind': 'l2sp', 'reg.strength': 0.1 }, 'L2-SP λ 0.1'],
    [{ 'reg.kind': 'clamp', 'reg.strength': 0.004 }, 'clamp δ 0.004'],
    [{ lr: 3e-4 }, 'lr 3e-4'],
    [{ task: 'rotate' }, 'task rotate'],
    [{ 'freeze.embeddings': true, 'freeze.blocks': 1 }, 'freeze emb + 1 block'],
    [{ 'freeze.blocks': 2 }, 'freeze 2 blocks'],
    [{ lr: 3e-4, seed: 3 }, 'lr 3e-4 · seed 3'],
    [{ mix: 0.5, lr: 3e-4, task: 'encode' }, 'mix 0.5 · lr 3e-4 · task encode'],
    [{ schedule: 'cosine', warmup: 20 }, 'cosine lr warmup 20'],
    [{ optimizer: 'sgd', lr: 0.1, clipNorm: 0 }, 'lr 0.1 · SGD · no clip'],
    [{ mode: 'continual', steps: 300, batchSize: 64 }, 'continual · 300 steps · batch 64'],
  ])('%j is %s', (settings, name) => {
    expect(runName(config(settings))).toBe(name);
  });

  it('leave out settings that change nothing', () => {
    // LoRA's settings under full fine-tuning, a strength without a regulariser, freezing under LoRA, warm-up of a constant rate.
    expect(runName(config({ 'lora.rank': 16, 'reg.strength': 5, warmup: 3 }))).toBe('defaults');
    expect(runName(config({ method: 'lora', 'freeze.blocks': 1 }))).toBe('LoRA r4 α8');
    expect(runName(config({ optimizer: 'adam', weightDecay: 0.1 }))).toBe('Adam');
  });

  it('stay within 40 characters by dropping the least important parts first, and say so', () => {
    const long = config({
      method: 'lora', 'lora.rank': 16, 'lora.alpha': 32, 'lora.rslora': true, 'lora.targets': ['q', 'v'],
      mix: 0.5, 'reg.kind': 'ewc', 'reg.strength': 1e5, seed: 4, evalEvery: 5,
    });
    expect(runName(long)).toBe('LoRA r16 α32 · mix 0.5 · EWC λ 1e5 · …');
    expect(runName(config({ steps: 300, batchSize: 64, evalEvery: 25, liveEvalSize: 128, seed: 2 }))).toBe('300 steps · batch 64 · live eval 128 · …');
    for (const s of [{ mix: 0.75, lr: 3e-3, task: 'revinc', 'freeze.blocks': 2, optimizer: 'sgd', seed: 9 }, { method: 'lora', 'lora.newTokens': false, mode: 'continual', steps: 20 }]) {
      expect(runName(config(s)).length).toBeLessThanOrEqual(40);
    }
  });

  it('write values readably', () => {
    expect([0.001, 3e-4, 1e-4, 1000, 1e5, 0.004, 0.25, 1 / 3, 0].map((v) => valueText('lr', v))).toEqual(['0.001', '3e-4', '1e-4', '1000', '1e5', '0.004', '0.25', '0.333', '0']);
    expect(valueText('lora.rslora', true)).toBe('on');
    expect(valueText('lora.targets', ['q', 'v'])).toBe('q+v');
    expect(valueText('optimizer', 'adamw')).toBe('AdamW');
    expect(settingText('reg.strength', 0.01, config({ 'reg.kind': 'clamp' }))).toBe('clamp δ 0.01');
    expect(settingText('lora.rank', 64)).toBe('LoRA r64');
    expect(settingText('reg.kind', 'l2sp')).toBe('L2-SP');
  });

  it('name a stream by its tasks in order, its stage length and its levers, not by the task it does not read', () => {
    expect(runName(config({ stream: ['letters', 'rotate'], stageSteps: 60 }))).toBe('letters→rotate ×60');
    // Exactly a stream preset: its title.
    expect(runName(config({ stream: ['letters', 'rotate'], stageSteps: 100 }))).toBe('Sequential tasks');
    expect(runName(config({ stream: ['rotate', 'letters'], stageSteps: 50, replay: 0.25, task: 'encode', steps: 30 }))).toBe('rotate→letters ×50 · replay 0.25');
    expect(runName(config({ stream: ['letters', 'rotate'], 'reg.kind': 'l2sp', 'reg.anchor': 'stage' }))).toBe('letters→rotate ×100 · L2-SP λ 1 · @stage');
  });
});

