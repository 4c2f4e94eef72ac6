/**
 * The text scenario, described for everything above the engine: an English
 * character-level GPT continually pre-trained on a domain (JavaScript code,
 * or near-domain prose) while its seven genres of prose are measured in
 * next-character accuracy and bits per character.
 */
import type { PresetSpec, ScenarioDescriptor } from '../descriptor';
import { TEXT_MANIFEST_VERSION } from './manifest';
import { TEXT_EVAL_WINDOWS } from './textConstants';
import { TEXT_SYMBOLS } from './textVocab';
import { textPrompt } from './textPrompt';

const PRESETS: readonly PresetSpec[] = [
  {
    name: 'text-ignore',
    lever: 'ignore',
    title: 'Code: ignore forgetting',
    explanation:
      'A character-level GPT that writes English (pre-trained on the Brown Corpus) is trained further on JavaScript ' +
      'source, every character a target: continual pre-training on a domain far from its own. Its next-character ' +
      'accuracy on code climbs; on every genre of English prose it falls, and the samples stop being English. ' +
      'This is the baseline every other strategy is measured against.',
    settings: {},
  },
  {
    name: 'text-near',
    lever: null,
    title: 'Near prose: ignore forgetting',
    explanation:
      'The same continual pre-training on a near domain instead: learned and government prose (Brown J and H), ' +
      'English still, in another register. The domain has little to teach and little to overwrite: compare how ' +
      'much English it forgets with the code run. Distance from what the model knows is what forgets.',
    settings: { domain: 'near' },
  },
  {
    name: 'text-mix',
    lever: 'mix',
    title: 'Code + general prose mixed in',
    explanation:
      'Replay: a quarter of every batch is general prose from the pre-training corpus (its training split, never ' +
      'the held-out text the charts read), the rest code. The model keeps practising English while it learns code, ' +
      'and forgets much less; a quarter of each batch no longer trains the domain. Try other ratios with the slider.',
    settings: { mix: 0.25 },
  },
  {
    name: 'text-lora',
    lever: 'adapter',
    title: 'Code with a LoRA adapter',
    explanation:
      'Freeze every base weight and train a low-rank change B·A (rank 4) on each attention and MLP layer, plus the ' +
      'embedding rows of symbols the base never met in prose. It learns code more slowly and forgets less English. ' +
      'Much of code is symbols prose barely uses ({, }, =, ;), which a frozen embedding table cannot learn to use well.',
    settings: { method: 'lora', 'lora.rank': 4, 'lora.alpha': 8 },
  },
  {
    name: 'text-regularize',
    lever: 'regularize',
    title: 'Code, pulled toward the original weights',
    explanation:
      'L2-SP adds (λ/2)·Σ(θ−θ0)² to the loss: a spring back to the weights that wrote English. Raise λ and the ' +
      'model forgets less and learns less code; EWC weighs the spring by the Fisher information of general prose, ' +
      'and the clamp is a hard limit θ0 ± δ. Sweep λ to see the trade-off.',
    settings: { 'reg.kind': 'l2sp', 'reg.strength': 1 },
  },
  {
    name: 'text-low-lr',
    lever: 'learning-rate',
    title: 'Code at a lower learning rate',
    explanation:
      'The same continual pre-training at 1e-4 instead of 1e-3: each step moves the weights less, so less English ' +
      'is lost, and less code is learned. Continual pre-training papers also re-warm the rate: try the rewarm ' +
      'schedule, which starts low, warms up and decays again.',
    settings: { lr: 1e-4 },
  },
  {
    name: 'text-stream',
    lever: null,
    title: 'Sequential domains',
    explanation:
      'A stream: continual pre-training on code for 100 steps, then on near-domain prose for 100, one domain ' +
      'after the other. The heatmap fills row by row: after the prose stage, how much of code is left? ' +
      'Backward transfer (BWT) is that change, averaged over the earlier domains: negative is forgetting. ' +
      'Compare it with replaying the earlier domains.',
    settings: { stream: ['code', 'near'], stageSteps: 100 },
  },
  {
    name: 'text-stream-replay',
    lever: null,
    title: 'Replay earlier domains',
    explanation:
      'The same stream, code then near-domain prose, but in the second stage a quarter of every batch is ' +
      'code again: the domain already learned keeps being practised. Compare the heatmap’s first column ' +
      'and the BWT with “Sequential domains”. Mixing general prose as well is a separate knob (mix).',
    settings: { stream: ['code', 'near'], stageSteps: 100, replay: 0.25 },
  },
];

export const textDescriptor: ScenarioDescriptor = {
  name: 'text',
  label: 'English text',
  summary: 'a character-level GPT that writes English, continually pre-trained on code or on other prose',
  modelLabel: 'the English base model',
  assets: { model: 'models/text/', data: 'data/text/' },
  checkpoint: { vocabulary: [...TEXT_SYMBOLS], suite: 'text corpus', suiteVersion: TEXT_MANIFEST_VERSION },
  task: { key: 'domain', words: { code: 'code', near: 'near prose', custom: 'own text' }, named: 'always' },
  ownKeys: ['domain', 'domainHash', 'domainName'],
  /**
   * Where every text run starts: continual pre-training on code, 8 windows of
   * 128 characters a step (the prototype's characters per step, 16 × 64, at
   * the model's full context), 200 steps and an evaluation every 25, live
   * points on 4 windows per genre. Chosen so the run takes under 30 s on wasm
   * with evaluation under 15% of it (npm run bench), while the forgetting,
   * most of which happens in the first 25 steps, shows in full.
   */
  defaults: { domain: 'code', steps: 200, batchSize: 8, evalEvery: 25, liveEvalSize: 4 },
  presets: PRESETS,
  metrics: {
    accuracy: 'next-character accuracy',
    accuracyShort: 'next-char acc.',
    tokenAccuracy: null,
    bitsPerCharacter: true,
    ability: 'genre',
    general: 'English prose',
    task: 'domain',
    generalTitle: 'General prose by genre',
    perAbility: 'Next-character accuracy on each genre’s held-out prose, for the selected run.',
    heldOut: 'its held-out text',
  },
  samples: 'continuations',
  prompt: textPrompt,
  evalSize: TEXT_EVAL_WINDOWS,
  intro: {
    abilitiesTitle: 'What the English model can do',
    abilitiesLead: 'It was pre-trained on {n} genres of English prose from the Brown Corpus. Here is how well it predicts each, and what it writes right now, in your browser:',
    taskLead: 'A run continues its pre-training on a new domain: every character of the domain’s text is a target.',
    accuracyNote: 'Next-character accuracy counts the characters the model predicts right; bits per character say how surprised it is (lower is better).',
  },
  lesson: 'english-forgets',
};
