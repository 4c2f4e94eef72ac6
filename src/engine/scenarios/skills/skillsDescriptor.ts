/**
 * The skills scenario, described for everything above the engine: a GPT of
 * digit-string skills (copy, reverse, sort, successor), fine-tuned on a task
 * it has never seen; exact match of the whole answer on held-out sets.
 */
import { SUITE_VERSION, DEFAULT_EVAL_SIZE } from '../../data/heldout';
import { TOKENS } from '../../data/vocab';
import type { PresetSpec, ScenarioDescriptor } from '../descriptor';
import { skillsPrompt } from './skillsPrompt';

const PRESETS: readonly PresetSpec[] = [
  {
    name: 'ignore',
    lever: 'ignore',
    title: 'Ignore forgetting',
    explanation:
      'Fine-tune every weight of the model on the new task alone, as fast as it will learn. ' +
      'This is what you do when only the new task matters: the task score climbs quickly, and ' +
      'nothing stops the general skills from being overwritten along the way. It is the baseline ' +
      'every other strategy is measured against.',
    settings: {},
  },
  {
    name: 'mix',
    lever: 'mix',
    title: 'Mix in general data',
    explanation:
      'Replay: a quarter of every batch is drawn from the general skills the model already has ' +
      '(copy, reverse, sort, successor), the rest from the new task. The model keeps practising what it ' +
      'knows while it learns, so the new task pushes the old skills around much less. The cost is ' +
      'compute and data: a quarter of each batch no longer trains the task. Try other ratios with the slider.',
    settings: { mix: 0.25 },
  },
  {
    name: 'lora',
    lever: 'adapter',
    title: 'LoRA adapter',
    explanation:
      'Freeze every base weight and train a small low-rank change B·A (rank 4, about a tenth of the ' +
      'parameters) on each attention and MLP layer, plus the embeddings of the letters the base model ' +
      'has never seen. A low-rank change cannot rewrite everything, so it forgets less, and it learns ' +
      'more slowly. Raise the rank (with alpha = 2 × rank) and it learns faster and forgets more.',
    settings: { method: 'lora', 'lora.rank': 4, 'lora.alpha': 8 },
  },
  {
    name: 'regularize',
    lever: 'regularize',
    title: 'Pull toward the original weights',
    explanation:
      'EWC adds (λ/2)·ΣF(θ−θ0)² to the loss: a spring back to the original weights, stiff where the ' +
      'Fisher information F says the general skills depend on a weight, loose where they do not ' +
      '(F is the empirical Fisher of the base model on general examples, scaled to mean 1). The letters’ ' +
      'own embeddings have no Fisher weight at all, so the task can be learned there. Compare L2-SP ' +
      '(the same spring everywhere) and the clamp (a hard limit θ0 ± δ), and raise λ to see the task suffer.',
    settings: { 'reg.kind': 'ewc', 'reg.strength': 1 },
  },
  {
    name: 'low-lr',
    lever: 'learning-rate',
    title: 'Lower learning rate',
    explanation:
      'The same full fine-tuning at a tenth of the learning rate (1e-4 instead of 1e-3). Each step ' +
      'moves the weights less, so at any step the model has forgotten less; it has also learned less, ' +
      'and needs more steps to master the task, during which forgetting creeps back. A smaller or ' +
      'decaying rate trades speed for stability.',
    settings: { lr: 1e-4 },
  },
  {
    name: 'stream',
    lever: null,
    title: 'Sequential tasks',
    explanation:
      'A stream: learn letters for 100 steps, then rotate for 100, every weight trained on the current task ' +
      'alone, as one round of fine-tuning after another. The heatmap fills row by row: after stage 2, how much ' +
      'of letters is left? Backward transfer (BWT) is that change, averaged over the earlier tasks: negative ' +
      'is forgetting. Compare it with replaying the earlier tasks.',
    settings: { stream: ['letters', 'rotate'], stageSteps: 100 },
  },
  {
    name: 'stream-replay',
    lever: null,
    title: 'Replay earlier tasks',
    explanation:
      'The same stream, letters then rotate, but from the second stage on a quarter of every batch is drawn ' +
      'from the tasks already learned (here: letters). The model keeps practising the first task while it ' +
      'learns the second, so less of it is lost: compare the heatmap’s first column and the BWT with ' +
      '“Sequential tasks”. Mixing general data as well is a separate knob (mix).',
    settings: { stream: ['letters', 'rotate'], stageSteps: 100, replay: 0.25 },
  },
  {
    name: 'stream-adapters',
    lever: null,
    title: 'One adapter per task',
    explanation:
      'The same stream, letters then rotate, trained as LoRA adapters on the frozen base model: a fresh adapter ' +
      'for each stage, and each task answered with its own adapter plugged in. Nothing below the heatmap’s ' +
      'diagonal can fall, because no later stage touches an earlier task’s adapter: the price is one adapter ' +
      'per task, and knowing which task a question belongs to. Compare with one shared adapter (untick ' +
      '“One adapter per stage”).',
    settings: { stream: ['letters', 'rotate'], stageSteps: 100, method: 'lora', 'lora.rank': 4, 'lora.alpha': 8, 'lora.perStage': true },
  },
  {
    name: 'stream-ewc',
    lever: null,
    title: 'Online EWC',
    explanation:
      'The same stream with EWC (λ = 100) anchored at each stage’s start: when a task ends, its Fisher ' +
      'information is added to the penalty and the spring moves to the weights that solved it. Compare ' +
      'the first column and the BWT with “Sequential tasks”, and with EWC anchored at the base model ' +
      '(set the anchor to base): the README’s stream report measures both over five seeds.',
    settings: { stream: ['letters', 'rotate'], stageSteps: 100, 'reg.kind': 'ewc', 'reg.strength': 100, 'reg.anchor': 'stage' },
  },
];

export const skillsDescriptor: ScenarioDescriptor = {
  name: 'skills',
  label: 'skills',
  summary: 'a small GPT with digit-string skills (copy, reverse, sort, successor), fine-tuned on a new task',
  modelLabel: 'the shipped base model',
  assets: { model: 'models/base/', data: null },
  checkpoint: { vocabulary: TOKENS, suite: 'skill suite', suiteVersion: SUITE_VERSION },
  task: { key: 'task', words: {}, named: 'when-changed' },
  ownKeys: ['task', 'mode'],
  defaults: {},
  presets: PRESETS,
  metrics: {
    accuracy: 'exact match',
    accuracyShort: 'exact match',
    tokenAccuracy: 'per-token accuracy',
    bitsPerCharacter: false,
    ability: 'skill',
    general: 'the general skills',
    task: 'task',
    generalTitle: 'General skills',
    perAbility: 'Exact match per general skill on its held-out set, for the selected run.',
    heldOut: 'its held-out sets',
  },
  samples: 'answers',
  prompt: skillsPrompt,
  evalSize: DEFAULT_EVAL_SIZE,
  intro: {
    abilitiesTitle: 'What the base model can do',
    abilitiesLead: 'It was trained on {n} skills. Here is one question for each, and what it answers right now, in your browser:',
    taskLead: 'A run trains the model on a new task it has never seen.',
    accuracyNote: 'Accuracy counts an answer only if all of it is right.',
  },
  lesson: 'five-levers',
};
